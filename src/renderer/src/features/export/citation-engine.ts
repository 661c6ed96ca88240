/**
 * citation-js with the CSL files it lacks, loaded on demand (import()) the
 * first time someone opens a citation menu: citeproc-js and the Chicago
 * style weigh more than the rest of a screen, and most readers never cite.
 */
import chicago from '../../../../../resources/csl/chicago-author-date.csl?raw';
import arabic from '../../../../../resources/csl/locales-ar.xml?raw';
import korean from '../../../../../resources/csl/locales-ko-KR.xml?raw';
import portuguese from '../../../../../resources/csl/locales-pt-BR.xml?raw';
import { formatCitations, registerCslResources, toCsl } from '../../../../shared/export/citations';

registerCslResources({ chicago, locales: { ar: arabic, 'ko-KR': korean, 'pt-BR': portuguese } });

export { formatCitations, toCsl };
