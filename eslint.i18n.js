// @ts-check
/**
 * "No user-visible string outside the resources" (issue 6), enforced by lint
 * and tested in tests/unit/lint-i18n.test.ts. eslint-plugin-i18next's
 * no-literal-string, in `jsx-only` mode, flags any letter-bearing string
 * literal or text inside JSX: element text, `{cond ? 'Text' : …}` children,
 * and the attributes people read or hear (aria-label, title, placeholder,
 * alt, label …). Text without letters (symbols like ↑ × · ›, digits,
 * punctuation) is allowed, and so is everything passed to t() or i18n.*.
 */
import i18next from 'eslint-plugin-i18next';

/** Attributes whose value is shown or spoken; other attributes (className, role, lang …) are code. */
const textAttributes = [
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'heading',
  'message',
];

/** @type {import('eslint').Linter.Config[]} */
export const i18nRules = [
  {
    files: ['src/renderer/src/**/*.tsx'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          framework: 'react',
          mode: 'jsx-only',
          message: 'User-visible text belongs in the locale resources (use t())',
          'jsx-attributes': { include: textAttributes, exclude: [] },
          // A string with no letter in any script is a symbol, a number or punctuation.
          words: { exclude: [/^[^\p{L}]*$/u] },
          callees: { exclude: ['t', 'i18n(ext)?', 'i18n\\..+', 'require'] },
        },
      ],
    },
  },
];
