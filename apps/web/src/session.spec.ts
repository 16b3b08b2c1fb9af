import { jest } from '@jest/globals';
import { claimsOf, tokenSession } from './session.js';

const NOW_S = Math.floor(Date.now() / 1000);
const tokenWith = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims), '']
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.');

describe("the page's reading of a token", () => {
  it('reads the claims of a base64url payload, characters outside base64 included', () => {
    const claims = { sub: 'ana?>~', roles: ['biller'], exp: NOW_S + 60 };
    expect(claimsOf(tokenWith(claims))).toEqual(claims);
  });

  it('reads nothing from what is not a token, without throwing', () => {
    expect(claimsOf('')).toEqual({});
    expect(claimsOf('pasted text')).toEqual({});
    expect(claimsOf('a.%%%.c')).toEqual({});
    expect(claimsOf(`a.${Buffer.from('not json').toString('base64url')}.c`)).toEqual({});
  });

  it('makes a session of a token with a subject that has not expired, with its roles as an array or a list', async () => {
    const forget = jest.fn(async () => undefined);
    const token = tokenWith({ sub: 'ana', roles: 'biller auditor', exp: NOW_S + 60 });
    const session = tokenSession(token, forget)!;
    expect(session.actor).toBe('ana');
    expect(session.roles).toEqual(['biller', 'auditor']);
    await expect(session.token()).resolves.toBe(token);
    await session.signOut();
    expect(forget).toHaveBeenCalled();
    expect(tokenSession(tokenWith({ sub: 'ana', roles: ['biller'] }), forget)!.roles).toEqual(['biller']);
    expect(tokenSession(tokenWith({ sub: 'ana' }), forget)!.roles).toEqual([]);
  });

  it('makes no session of an expired token or one without a subject: the page asks to sign in again', () => {
    const forget = async () => undefined;
    expect(tokenSession(tokenWith({ sub: 'ana', exp: NOW_S - 1 }), forget)).toBeUndefined();
    expect(tokenSession(tokenWith({ roles: ['biller'], exp: NOW_S + 60 }), forget)).toBeUndefined();
    expect(tokenSession('pasted text', forget)).toBeUndefined();
  });
});
