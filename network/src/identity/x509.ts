// @peculiar/x509 2 resolves its algorithms through tsyringe, which needs the Reflect metadata
// API loaded first; every module of ours reaches @peculiar/x509 through this file.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { cryptoProvider } from '@peculiar/x509';

// Certificates are signed with Node's WebCrypto (its type differs from the DOM one @peculiar names).
cryptoProvider.set(webcrypto as never);

export * from '@peculiar/x509';
