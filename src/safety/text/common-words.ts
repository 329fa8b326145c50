/**
 * Ordinary words, normalized (lower case, no accents), that are not in any lexicon: what repairing an
 * evasion needs to tell "ign ore" (two fragments) from "pen is" (two words). Function words of every
 * language the lexicons cover, and the commonest English content words of reviews and requests.
 */
const ENGLISH = `a about above after again against all almost also always am an and another any anyone
anything are around as ask at away back bad be because been before being best better between big both
but by came can cast could day did different do does doing done down during each end ending enough
even ever every few film films find first for from full funny gave get give go going good got great had
has have having he her here hers herself him himself his how however i if in into is it its itself just
keep kind know last least left less let life like little long look lot love made make many may me might
more most movie movies much must my myself need never new next nice no nor not nothing now of off oh ok
old on once one only or other our ours out over own part people place plot pretty put quite rather
really right said same saw say scene see seen she should show since so some something still story such
take than that the their theirs them themselves then there these they thing think this those though
through time to too two under until up upon us very want was watch watched way we well went were what
when where which while who whole why will with without work would year yes yet you your yours yourself
actor actors end help hope ill men women man woman one ore ever wit eaten ear arm art age ago air bit
box car cut dead die eat eye far fat fun gun guy hit hot law lay led lie low mad map mix net odd pay
pen pet pop raw red run sad sat set sex sit six sky son sun ten tie top toy try war web win won yet
act add bar bat bed bet bin bus cap cat cop cow cry cup dad dog dry due egg era fan fee fix fly fox
god gym hat hen hug ice ink jam jet job joy key kid leg lip lit log mom mud nap nod nut oak oil pan
pie pig pin pit pot rag ram rat rib rid rod row rub rug saw sea sin sip sob sum tab tag tan tap tax
tea toe ton tow tub van vet wax wig yard mr mrs dr ms st vs tv uk usa eu ai ad ads min max`;

const FRENCH = `a au aux avec ce ces cet cette dans de des du elle elles en est et etre eu il ils je la le
les leur lui ma mais me mes moi mon ne ni nos notre nous on ou par pas pour qu que qui sa se ses si son
sur ta te tes toi ton tu un une vos votre vous y c d j l m n s t ca la ont sont fait tres plus bien`;

const SPANISH = `a al como con de del e el en es esa ese esta este ha hay he la las le les lo los mas me
mi mis muy ni no nos o para pero por que se si sin sobre su sus te ti tu tus u un una uno y ya yo son
fue era ser muy bien`;

const GERMAN = `ab als am an auch auf aus bei bin bis da das dass dein deine dem den der des dich die dir
du ein eine einem einen einer er es fur hat ich ihr im in ist ja kein mein mich mir mit nach nicht noch
nun ob oder sehr sein sich sie sind so uber um und uns von vor war was wenn wie wir wo zu zum zur`;

const ITALIAN = `a ad al alla anche che ci come con da dal del della di e ed era gli ha ho i il in io la
le li lo ma me mi ne nel no non o per piu se si sono su sua suo ti tu un una uno va vi voi c l`;

const PORTUGUESE = `a ao aos as com como da das de do dos e ela ele em era esta este eu foi ha isso ja la
mais mas me meu minha muito na nao no nos o os ou para pela pelo por que se sem seu so sua te tu um uma
voce`;

export const COMMON_WORDS: ReadonlySet<string> = new Set(
  [ENGLISH, FRENCH, SPANISH, GERMAN, ITALIAN, PORTUGUESE].flatMap((list) => list.split(/\s+/)),
);
