/**
 * RULES: every rule family, in order of precedence. When two families qualify for one block with
 * equal evidence, the earlier one names it; `overlay` comes last because a modal is named for its
 * purpose. Adding a family: a `<id>.ts` + `<id>.data.ts` pair, an entry here, and a fixture
 * `test/fixtures/<id>--<site>-<case>.html` (the registry test checks all three).
 */
import type { RuleFamily } from './types';
import { donation } from './donation';
import { membership } from './membership';
import { newsletter } from './newsletter';
import { cookie } from './cookie';
import { ad } from './ad';
import { sponsored } from './sponsored';
import { related } from './related';
import { social } from './social';
import { comments } from './comments';
import { overlay } from './overlay';

export const RULES: readonly RuleFamily[] = [donation, newsletter, membership, cookie, ad, sponsored, related, social, comments, overlay];
