/**
 * Mass balance of a transformation (rule 32): every input lot may give at most what it has left,
 * counted in kilograms whatever unit each side used.
 */
import { roundKg, toKg } from './units';

/** One input of a transformation as the mass balance sees it. */
export interface MassDraw {
  /** The lot drawn from. */
  lotId: string;
  /** Quantity drawn, in `uom`. */
  quantity: number;
  /** UN/ECE Rec 20 unit of the drawn quantity. */
  uom: string;
  /** What the lot has left, in kg, before this draw. */
  remainingKg: number;
}

/** Why a draw cannot be made. */
export type MassBalanceProblem =
  | { kind: 'UNKNOWN_UNIT'; lotId: string; uom: string }
  | { kind: 'EXCEEDED'; lotId: string; drawnKg: number; remainingKg: number };

/** The outcome of a mass-balance check: the new remaining mass per lot, or every problem. */
export type MassBalanceResult =
  | { ok: true; remainingKg: Readonly<Record<string, number>>; totalInputKg: number }
  | { ok: false; problems: MassBalanceProblem[] };

/**
 * Checks every draw against what its lot has left. Draws on the same lot add up, so listing a
 * lot twice cannot take more than it holds.
 */
export function checkMassBalance(draws: readonly MassDraw[]): MassBalanceResult {
  const problems: MassBalanceProblem[] = [];
  const drawnByLot = new Map<string, { drawnKg: number; remainingKg: number }>();
  for (const draw of draws) {
    const kg = toKg(draw.quantity, draw.uom);
    if (kg === undefined) {
      problems.push({ kind: 'UNKNOWN_UNIT', lotId: draw.lotId, uom: draw.uom });
      continue;
    }
    const entry = drawnByLot.get(draw.lotId) ?? { drawnKg: 0, remainingKg: draw.remainingKg };
    entry.drawnKg = roundKg(entry.drawnKg + kg);
    drawnByLot.set(draw.lotId, entry);
  }
  const remainingKg: Record<string, number> = {};
  let totalInputKg = 0;
  for (const [lotId, entry] of drawnByLot) {
    if (entry.drawnKg > entry.remainingKg) {
      problems.push({ kind: 'EXCEEDED', lotId, drawnKg: entry.drawnKg, remainingKg: entry.remainingKg });
    }
    remainingKg[lotId] = roundKg(entry.remainingKg - entry.drawnKg);
    totalInputKg = roundKg(totalInputKg + entry.drawnKg);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, remainingKg, totalInputKg };
}
