import { describe, expect, it } from 'vitest';
import { type HarmCategory } from '../../finding.js';
import { detectHarm } from '../detect-harm.js';
import { LANGUAGE_LEXICONS } from './language-lexicons.js';

const severity = (text: string, category: HarmCategory): number =>
  detectHarm(text).categories.find((c) => c.category === category)?.severity ?? 0;
const worst = (text: string): number => Math.max(...detectHarm(text).categories.map((c) => c.severity));

/** Blocked on the review surface from severity 4 on. */
const BLOCK = 4;

describe('language lexicons', () => {
  it('cover French, Spanish, German, Italian and Portuguese, each term tagged with its language', () => {
    expect(LANGUAGE_LEXICONS.map((lexicon) => lexicon.language)).toEqual(['fr', 'es', 'de', 'it', 'pt']);
    for (const lexicon of LANGUAGE_LEXICONS) {
      expect(lexicon.terms.every((term) => term.language === lexicon.language)).toBe(true);
      expect(lexicon.markers.every((marker) => marker.language === lexicon.language)).toBe(true);
    }
  });

  it.each<[string, HarmCategory]>([
    ['Ausländer sind Ungeziefer, die unser Land befallen.', 'hate'],
    ['Juden sind Parasiten.', 'hate'],
    ['Les musulmans sont de la vermine.', 'hate'],
    ['Los gitanos son alimañas.', 'hate'],
    ['Gli ebrei sono parassiti.', 'hate'],
    ['Os refugiados são vermes.', 'hate'],
    ['Je vais te buter ce soir.', 'violence'],
    ['Te voy a matar mañana.', 'violence'],
    ['Ich werde dich umbringen.', 'violence'],
    ['Ti ammazzo stanotte.', 'violence'],
    ['Eu te mato amanhã.', 'violence'],
    ['Tu ne vaux rien, pends-toi.', 'self_harm'],
    ['No vales nada, mátate.', 'self_harm'],
    ['Niemand würde dich vermissen, bring dich um.', 'self_harm'],
    ['Non vali niente, ammazzati.', 'self_harm'],
    ['Você não presta, se mata.', 'self_harm'],
    ['Ich will dich ficken.', 'sexual'],
    ['Quiero follarte.', 'sexual'],
  ])('%j is %s at blocking severity', (text, category) => {
    expect(severity(text, category)).toBeGreaterThanOrEqual(BLOCK);
  });

  it('flags a German dehumanising sentence as hate with severity at least 4', () => {
    expect(severity('Einwanderer sind Ungeziefer und Abschaum.', 'hate')).toBeGreaterThanOrEqual(4);
  });

  it.each([
    // German "die" is an article, "dies" a pronoun, "Stirb langsam" is Die Hard, "Toten" the dead.
    'Die Hauptdarstellerin ist großartig und die Musik passt perfekt.',
    'Du musst die Serie sehen, dies ist die beste Staffel.',
    'Stirb langsam ist der beste Actionfilm aller Zeiten.',
    'Du wirst Die Nacht der lebenden Toten lieben.',
    'Ein Rat an dich: schau die Originalfassung.',
    // Spanish "mata" (kills, a shrub), "negro" (film noir), a haircut, "matar el rato".
    'El protagonista mata al villano en la última escena.',
    'El cine negro de los años cuarenta tiene un encanto especial.',
    'Quiero cortarme el pelo como la actriz.',
    '¿Me recomiendas una película para matar el rato?',
    // French: worn out, a kiss, "kill time", killing it.
    'Je suis crevé après ce marathon de films.',
    'Un baiser sous la pluie, la plus belle scène.',
    'On va tuer le temps avec une bonne série.',
    'Tu vas adorer ce film, la fin est une tuerie.',
    // Italian: past participles that look like imperatives, Troy.
    'I soldati furono impiccati all’alba.',
    'Capelli tagliati corti per la protagonista.',
    'Troia è un film epico.',
    // Portuguese: a story, a deer, a queue, missing someone.
    'Ele se mata no final do filme.',
    'O veado aparece na floresta.',
    'A bicha para o cinema era enorme.',
    'Vou matar a saudade vendo filmes antigos.',
    'Ele pede ajuda à polícia.',
    // English text is untouched by foreign markers.
    'Die Hard is a Christmas movie.',
  ])('does not block %j', (text) => {
    expect(worst(text)).toBeLessThan(BLOCK);
  });

  it('counts markers only for terms of their own language', () => {
    // "du" is German second person; English "die" near it is still only an English verb, and mild.
    expect(severity('Du, die Musik!', 'violence')).toBeLessThan(BLOCK);
    // German "Ungeziefer" needs a German group; an English one in the sentence is not enough.
    expect(severity('immigrants and Ungeziefer', 'hate')).toBeLessThan(BLOCK);
  });
});
