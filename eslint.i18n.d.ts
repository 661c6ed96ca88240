import type { Linter } from 'eslint';

export declare const i18nRules: Linter.Config[];
