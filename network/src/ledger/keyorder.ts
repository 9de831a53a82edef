/**
 * Compares two strings by the byte order of their UTF-8 encodings (= Unicode code point
 * order), as LevelDB orders Fabric keys. JavaScript's `<` compares UTF-16 code units, which puts
 * U+E000..U+FFFF after surrogate pairs (U+10000 and above); this corrects exactly that case
 * without encoding the strings.
 */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (D800-DFFF) encode code points above FFFF: move them above E000-FFFF.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}
