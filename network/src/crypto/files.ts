import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Authority, type LeafRequest, issueAuthority, issueLeaf, subjectOf } from './certificates';
import { generateKeyPair, keyPairFromPem } from './keys';

/** A certificate file and its key file. */
export interface CertKeyFiles {
  certFile: string;
  keyFile: string;
}

/** Writes a file, creating its folder when missing; keys are readable by the owner only. */
export function writeFile(file: string, text: string, secret = false): void {
  const options = secret ? { mode: 0o600 } : {};
  try {
    writeFileSync(file, text, options);
  } catch (error) {
    // Most folders already exist: create one only when the write says it is missing.
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text, options);
  }
}

function readPair(files: CertKeyFiles): { certPem: string; keyPem: string } | undefined {
  if (!existsSync(files.certFile) || !existsSync(files.keyFile)) return undefined;
  return { certPem: readFileSync(files.certFile, 'utf8'), keyPem: readFileSync(files.keyFile, 'utf8') };
}

/** True when `certPem` holds the public half of `keyPem` and, if given, was signed by `ca`. */
function fits(pair: { certPem: string; keyPem: string }, ca?: Authority): boolean {
  try {
    const cert = new X509Certificate(pair.certPem);
    if (!cert.checkPrivateKey(keyPairFromPem(pair.keyPem).privateKey)) return false;
    return ca === undefined || cert.verify(ca.key.publicKey);
  } catch {
    return false;
  }
}

/** The CA at `files`, kept when present and whole, otherwise created (self-signed) and written. */
export async function loadOrIssueAuthority(
  files: CertKeyFiles,
  commonName: string,
  organization: string,
): Promise<Authority> {
  const existing = readPair(files);
  if (existing && fits(existing)) {
    return {
      certPem: existing.certPem,
      key: keyPairFromPem(existing.keyPem),
      subject: subjectOf(existing.certPem),
    };
  }
  const key = await generateKeyPair();
  const authority = await issueAuthority(commonName, organization, key);
  writeFile(files.keyFile, key.pem, true);
  writeFile(files.certFile, authority.certPem);
  return authority;
}

/**
 * The leaf certificate at `files`, kept when present and issued by `ca` (so generation is
 * idempotent), otherwise issued and written.
 */
export async function loadOrIssueLeaf(
  files: CertKeyFiles,
  request: LeafRequest,
  ca: Authority,
): Promise<{ certPem: string; keyPem: string }> {
  const existing = readPair(files);
  if (existing && fits(existing, ca)) return existing;
  const key = await generateKeyPair();
  const certPem = await issueLeaf(request, key, ca);
  writeFile(files.keyFile, key.pem, true);
  writeFile(files.certFile, certPem);
  return { certPem, keyPem: key.pem };
}
