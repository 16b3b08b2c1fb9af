import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { LOCAL_ISSUER } from './auth.config.js';
import type { Role } from './roles.js';

const ALG = 'ES256';

export interface LocalSigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

async function generate(): Promise<{ key: LocalSigningKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = randomUUID();
  return { key: { kid, privateKey, publicKey }, jwk: { ...(await exportJWK(privateKey)), kid, alg: ALG } };
}

/**
 * This installation's development signing key: read from `file`, or generated on first use and written there
 * readable by its owner only. 'memory' keeps one in the process (tests). Never used when a JWKS is configured.
 */
export async function loadLocalSigningKey(file: string): Promise<LocalSigningKey> {
  if (file === 'memory') return (await generate()).key;
  let jwk: JWK;
  try {
    jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const created = await generate();
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    // Written whole under another name, then linked into place: link refuses to replace a file, so of two
    // processes starting at once one key wins and neither reads a half-written file.
    const draft = `${file}.${process.pid}.${created.key.kid}`;
    await writeFile(draft, JSON.stringify(created.jwk), { mode: 0o600 });
    await link(draft, file)
      .catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'EEXIST') throw e;
      })
      .finally(() => unlink(draft));
    return loadLocalSigningKey(file);
  }
  const { d: _private, ...publicJwk } = jwk;
  return {
    kid: jwk.kid ?? 'local',
    privateKey: (await importJWK(jwk, ALG)) as CryptoKey,
    publicKey: (await importJWK(publicJwk, ALG)) as CryptoKey,
  };
}

export interface TokenRequest {
  actor: string;
  roles: readonly Role[];
  audience: string;
  /** Seconds the token holds. */
  ttlSeconds: number;
  now: Date;
}

/** A development token signed by the local key, as an OpenID Connect provider would issue it. */
export function mintLocalToken(key: LocalSigningKey, request: TokenRequest): Promise<string> {
  const issuedAt = Math.floor(request.now.getTime() / 1000);
  return new SignJWT({ roles: [...request.roles] })
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(request.audience)
    .setSubject(request.actor)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .sign(key.privateKey);
}
