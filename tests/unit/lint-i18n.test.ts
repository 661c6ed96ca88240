import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { i18nRules } from '../../eslint.i18n.js';

/**
 * "No user-visible string outside the resources" is a lint rule; these cases
 * prove the rule itself by linting snippets as if they were renderer
 * components. The rule objects are the ones eslint.config.js spreads in
 * (checked below), run without type information.
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.tsx'], languageOptions: { parser: tseslint.parser } }, ...i18nRules],
});

async function literalErrors(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: 'src/renderer/src/features/x/X.tsx' });
  expect(result?.messages.filter((message) => message.fatal === true)).toEqual([]);
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'i18next/no-literal-string')
    .map((message) => message.message);
}

const component = (jsx: string): string =>
  `declare const t: (key: string) => string;\ndeclare const on: boolean;\nexport function Screen(): unknown {\n  return ${jsx};\n}\n`;

describe('lint keeps user-visible text in the locale resources', () => {
  it('is part of the project lint configuration for renderer components', async () => {
    const project = new ESLint({ cwd: process.cwd() });
    const config = (await project.calculateConfigForFile('src/renderer/src/features/home/HomeScreen.tsx')) as {
      rules?: Record<string, unknown>;
    };
    expect(config.rules?.['i18next/no-literal-string']).toBeDefined();
  });

  it.each([
    '<p>Hello world</p>',
    '<p>مرحبا بكم</p>',
    '<p>{on ? "Saved" : null}</p>',
    '<button type="button" aria-label="Close">×</button>',
    '<input title="Search the library" />',
    '<input placeholder="Title or summary" />',
    '<img src="x.png" alt="Logo of the Academy" />',
  ])('refuses the hard-coded %s', async (jsx) => {
    expect(await literalErrors(component(jsx))).not.toEqual([]);
  });

  it.each([
    '<p>{t("home:greeting")}</p>',
    '<button type="button" aria-label={t("shell:notice.dismiss")}>×</button>',
    '<span aria-hidden="true">›</span>',
    '<span className="crumb-separator">·</span>',
    '<p lang="ar" dir="auto" className="post-body">{t("x")} — 42</p>',
    '<nav role="navigation" id="main-nav">↑ ↓</nav>',
  ])('allows %s', async (jsx) => {
    expect(await literalErrors(component(jsx))).toEqual([]);
  });
});
