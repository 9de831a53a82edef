import type { EvidenceChain, EvidenceNode } from './evidence';
import { esc } from './html-escape';

const BOX_W = 230;
const BOX_H = 54;
const GAP_X = 70;
const GAP_Y = 16;
const PAD = 10;

/**
 * Draws an evidence chain as an inline SVG graph: one column per link distance from the lot,
 * one box per record (type, id, block:tx), arrows from each record to the records it leads to.
 * Each box's tooltip lists the record's facts.
 */
export function evidenceSvg(chain: EvidenceChain): string {
  const columns = new Map<number, EvidenceNode[]>();
  for (const n of chain.nodes) columns.set(n.depth, [...(columns.get(n.depth) ?? []), n]);
  const place = new Map<string, { x: number; y: number }>();
  for (const [depth, list] of columns)
    list.forEach((n, i) =>
      place.set(n.id, { x: PAD + depth * (BOX_W + GAP_X), y: PAD + i * (BOX_H + GAP_Y) }),
    );
  const width = PAD * 2 + Math.max(1, columns.size) * (BOX_W + GAP_X) - GAP_X;
  const height = PAD * 2 + Math.max(1, ...[...columns.values()].map((l) => l.length)) * (BOX_H + GAP_Y);
  const lines = chain.edges.flatMap((e) => {
    const a = place.get(e.from);
    const b = place.get(e.to);
    if (!a || !b) return [];
    return [
      `<line x1="${a.x + BOX_W}" y1="${a.y + BOX_H / 2}" x2="${b.x}" y2="${b.y + BOX_H / 2}" stroke="#8894a8" stroke-width="1" marker-end="url(#arrow)"/>`,
    ];
  });
  const boxes = chain.nodes.map((n) => {
    const p = place.get(n.id) ?? { x: 0, y: 0 };
    const fill =
      n.depth === 0
        ? '#fde7c4'
        : n.type.includes('hold')
          ? '#f8d0d0'
          : n.type.includes('~')
            ? '#eef1f6'
            : '#dcebfa';
    const title = [
      n.id,
      `block ${n.block} tx ${n.tx} ${n.txId}`,
      n.fn ?? '',
      ...n.facts,
      ...(n.asOfLink
        ? [`as of block ${n.asOfLink.block} tx ${n.asOfLink.tx}: ${n.asOfLink.facts.join('; ')}`]
        : []),
    ].join('\n');
    return [
      `<g><title>${esc(title)}</title>`,
      `<rect x="${p.x}" y="${p.y}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="${fill}" stroke="#56627a"/>`,
      `<text x="${p.x + 8}" y="${p.y + 16}" font-size="11" font-weight="bold">${esc(clip(n.type, 34))}</text>`,
      `<text x="${p.x + 8}" y="${p.y + 31}" font-size="10">${esc(clip(n.id.slice(n.type.length + 1), 38))}</text>`,
      `<text x="${p.x + 8}" y="${p.y + 46}" font-size="10" fill="#445">block ${n.block} · tx ${n.tx} · ${esc(clip(n.facts[0] ?? '', 22))}</text></g>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img" aria-label="evidence chain of ${esc(chain.subject)}">`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#8894a8"/></marker></defs>',
    ...lines,
    ...boxes,
    '</svg>',
  ].join('\n');
}

const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
