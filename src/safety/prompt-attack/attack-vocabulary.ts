import { createVocabulary, type Vocabulary } from '../text/vocabulary.js';

/**
 * The words attack phrases are made of, in every language the phrase tables cover (normalized: lower
 * case, no accents). Normalization consults them to undo evasions such as "ign ore" or
 * "i.n.s.t.r.u.c.t.i.o.n.syour", so the phrase tables see the words a reader sees.
 */
export const ATTACK_WORDS: readonly string[] = `
ignore ignores ignored ignoring disregard disregarding forget forgetting override overriding previous
prior above preceding earlier instructions instruction rules rule guidelines guideline directives
policy policies system prompt prompts reveal print show display leak dump output repeat share list
hidden secret secrets internal initial original confidential configuration settings setting api keys
key token tokens password passwords bypass disable disabled enable enabled turn switch deactivate
circumvent evade moderation guardrails safeguards censorship safety content security filter filters
filtered unfiltered uncensored measures checks restrictions restriction restricted unrestricted limits
limit limitless without refuse refusing refusal refusals comply obey follow developer mode jailbreak
jailbroken active pretend persona roleplay character assistant answer answers every everything question
questions request requests user users admin administrator access void loaded new now conversation chat
transcript history messages message data send forward post upload email transmit copy recommend
recommendation recommendations ranking rankings rank only always first studio studios viewer viewers
viewing addresses database other order confirm saying word sentence session rest anything
ignorez ignorer oublie oublier oubliez consignes regles outrepasser contourner desactiver revele reveler
affiche afficher montre montrer maintenant desormais restrictions limites filtres censure securite
instrucciones reglas indicaciones directrices normas ignora ignorar olvida olvidar anula anular anules
omite revela muestra muestrame ahora restricciones filtros censura seguridad desarrollador configuracion
administrador
anweisungen regeln richtlinien vorgaben befehle ignoriere ignorieren vergiss vergessen missachte
umgehen umgehe deaktiviere deaktivieren zeige verrate jetzt einschrankungen beschrankungen zensur
sicherheit entwicklermodus systemanweisungen administrator
instrucoes regras diretrizes esqueca esquece desconsidere ignore revele mostre agora restricoes
filtros censura seguranca desenvolvedor configuracoes
istruzioni regole direttive linee guida dimentica dimenticare trascura ignorare scavalca scavalcare
aggira aggirare disattiva disattivare rivela mostra adesso restrizioni filtri censura sicurezza
sviluppatore amministratore impostazioni
`
  .split(/\s+/)
  .filter((word) => word.length > 0);

let vocabulary: Vocabulary | undefined;

/** The vocabulary prompt-attack phrases are matched with when the caller passes no normalized text. */
export function attackVocabulary(): Vocabulary {
  return (vocabulary ??= createVocabulary(ATTACK_WORDS));
}
