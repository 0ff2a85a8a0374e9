// Terminal columns: the width textWidthFor gives must agree with string-width, which it stands in
// for when every character takes one column, on any text.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitColumns, padEndColumns, textWidthFor } from '../../src/ui/columns.js';

/** A character from each range the one-column path takes, and from around its edges. */
const nearEdges = fc.oneof(
  fc.integer({ min: 0x00, max: 0x0330 }),
  fc.integer({ min: 0x2000, max: 0x2030 }),
  fc.integer({ min: 0x2180, max: 0x2210 }),
  fc.constantFrom(0x00ad, 0x200b, 0x200d, 0x2028, 0x3042, 0xff21, 0x1f600),
);

describe('textWidthFor', () => {
  it('agrees with string-width on text made of the characters around the one-column path', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(nearEdges, { maxLength: 12 }), { minLength: 1, maxLength: 3 }),
        async (texts) => {
          const strings = texts.map((codes) => String.fromCodePoint(...codes));
          const width = await textWidthFor(strings);
          for (const text of strings) expect(width(text)).toBe(stringWidth(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('counts wide characters as two columns and the soft hyphen as none', async () => {
    const texts = ['レビュー', 'fix — auth…', 'co\u00adde'];
    const width = await textWidthFor(texts);
    expect(texts.map(width)).toEqual([8, 11, 4]);
  });

  it('pads and cuts by columns', async () => {
    const width = await textWidthFor(['日本語のテキスト']);
    expect(padEndColumns('日本', 6, width)).toBe('日本  ');
    expect(fitColumns('日本語のテキスト', 7, width)).toBe('日本語…');
    const plain = await textWidthFor(['refactor the auth module']);
    expect(fitColumns('refactor the auth module', 12, plain)).toBe('refactor th…');
  });
});
