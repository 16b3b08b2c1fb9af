import { randomBytes } from 'node:crypto';
import { isSealedValue } from '@claimtrail/claims';
import {
  newDataKey,
  openValue,
  parseMasterKey,
  sealValue,
  unwrapKey,
  wrapKey,
} from './patient-vault.crypto.js';

const IDENTITY = JSON.stringify({ lastName: 'ZZLAST', firstName: 'ZZFIRST', birthDate: '1980-02-03' });

const flip = (base64: string, at = 0) => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[at] = bytes[at]! ^ 0x01;
  return bytes.toString('base64');
};

describe('sealing a value with a patient data key', () => {
  const key = newDataKey();

  it('opens again to the same text', () => {
    expect(openValue(key, 'PT-1', sealValue(key, 'PT-1', IDENTITY))).toBe(IDENTITY);
  });

  it('gives the claim a sealed shape that holds no plaintext', () => {
    const sealed = sealValue(key, 'PT-1', IDENTITY);
    expect(isSealedValue(sealed)).toBe(true);
    expect(JSON.stringify(sealed)).not.toMatch(/ZZLAST|ZZFIRST|1980/);
  });

  it('uses a fresh IV each time, so the same identity never seals to the same bytes', () => {
    const a = sealValue(key, 'PT-1', IDENTITY);
    const b = sealValue(key, 'PT-1', IDENTITY);
    expect(a.iv).not.toBe(b.iv);
    expect(a.data).not.toBe(b.data);
  });

  it('does not open with another key', () => {
    expect(() => openValue(newDataKey(), 'PT-1', sealValue(key, 'PT-1', IDENTITY))).toThrow();
  });

  it("does not open as another patient's (the patientRef is authenticated)", () => {
    expect(() => openValue(key, 'PT-2', sealValue(key, 'PT-1', IDENTITY))).toThrow();
  });

  it.each(['iv', 'tag', 'data'] as const)('does not open once a bit of its %s is flipped', (part) => {
    const sealed = sealValue(key, 'PT-1', IDENTITY);
    expect(() => openValue(key, 'PT-1', { ...sealed, [part]: flip(sealed[part]) })).toThrow();
  });

  it('does not open a truncated tag', () => {
    const sealed = sealValue(key, 'PT-1', IDENTITY);
    const tag = Buffer.from(sealed.tag, 'base64').subarray(0, 8).toString('base64');
    expect(() => openValue(key, 'PT-1', { ...sealed, tag })).toThrow();
  });
});

describe('wrapping a data key with the master key', () => {
  const master = randomBytes(32);
  const dataKey = newDataKey();

  it('unwraps to the same key', () => {
    expect(unwrapKey(master, 'PT-1', wrapKey(master, 'PT-1', dataKey)).equals(dataKey)).toBe(true);
  });

  it('stores 60 bytes (IV, tag, key) with no trace of the key in them', () => {
    const wrapped = wrapKey(master, 'PT-1', dataKey);
    expect(wrapped).toHaveLength(60);
    expect(wrapped.includes(dataKey)).toBe(false);
  });

  it('does not unwrap with another master key', () => {
    expect(() => unwrapKey(randomBytes(32), 'PT-1', wrapKey(master, 'PT-1', dataKey))).toThrow();
  });

  it("does not unwrap as another patient's key", () => {
    expect(() => unwrapKey(master, 'PT-2', wrapKey(master, 'PT-1', dataKey))).toThrow();
  });

  it('does not unwrap once a byte is changed', () => {
    const wrapped = wrapKey(master, 'PT-1', dataKey);
    wrapped[40] = wrapped[40]! ^ 0x80;
    expect(() => unwrapKey(master, 'PT-1', wrapped)).toThrow();
  });

  it('cannot be used as a sealed identity, nor a sealed identity as a key (the purposes differ)', () => {
    const wrapped = wrapKey(master, 'PT-1', dataKey);
    const asSealed = {
      v: 1 as const,
      iv: wrapped.subarray(0, 12).toString('base64'),
      tag: wrapped.subarray(12, 28).toString('base64'),
      data: wrapped.subarray(28).toString('base64'),
    };
    expect(() => openValue(master, 'PT-1', asSealed)).toThrow();
  });
});

describe('a configured master key', () => {
  it('is the base64 of exactly 32 bytes', () => {
    const key = randomBytes(32);
    expect(parseMasterKey(key.toString('base64'))?.equals(key)).toBe(true);
  });

  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['hex', randomBytes(32).toString('hex')],
    ['base64url', 'A'.repeat(42) + '-_'.slice(0, 1) + '='],
    ['empty', ''],
  ])('refuses %s', (_label, text) => {
    expect(parseMasterKey(text)).toBeUndefined();
  });
});
