/**
 * Certified reference material records (rule 12). The traceability class a CRM gives is never
 * stored from the submitter: the chaincode computes it from these facts at each calibration date.
 */
import type { AuditStamp } from '../audit';

/** Accreditation of the producer as a reference-material producer (ISO 17034). */
export interface ProducerAccreditation {
  standard: 'ISO 17034';
  /** The accreditation body, e.g. CNAS, UKAS, A2LA. */
  body: string;
  certificateNumber: string;
  /** First and last day of validity (inclusive), ISO dates. */
  validFrom: string;
  validTo: string;
}

/** One certified value with its expanded uncertainty. */
export interface CertifiedValue {
  analyte: string;
  species?: string;
  value: number;
  unit: string;
  U: number;
  k: number;
}

/** A CRM on the ledger. */
export interface CrmRecord {
  id: string;
  producer: string;
  /** Catalogue / CRM code: GBW…, GBW(E)…, GSB…, NIST SRM…, ERM-…. */
  catalogueCode: string;
  lot: string;
  certificateId?: string;
  certificateSha256?: string;
  certifiedValues: CertifiedValue[];
  expiresAt: string;
  producerAccreditation?: ProducerAccreditation;
  /** Set when the producer is a national metrology institute (CIPM MRA route). */
  nmiInstitute?: string;
  ownerMspId: string;
  registered: AuditStamp;
  /** Set when the lot was recalled or the certificate withdrawn; the reason is mandatory. */
  revoked?: AuditStamp;
  /** Set once the expiry was recorded and the instruments calibrated with it were suspended. */
  expiryRecorded?: AuditStamp;
}

/** Traceability classes of rule 13: T1 China-anchored, T2 MRA-equivalent, T3 not demonstrated. */
export type TraceabilityClass = 'T1' | 'T2' | 'T3';
