import { type HarmCategory } from '../finding.js';

/** Azure's bands: 0–1 safe, 2–3 low, 4–5 medium, 6–7 high; `<=low` for hard negatives. */
export type Band = 'safe' | 'low' | 'medium' | 'high' | '<=low' | '>=medium';

export const inBand = (severity: number, band: Band): boolean => {
  switch (band) {
    case 'safe':
      return severity <= 1;
    case 'low':
      return severity >= 2 && severity <= 3;
    case 'medium':
      return severity >= 4 && severity <= 5;
    case 'high':
      return severity >= 6;
    case '<=low':
      return severity <= 3;
    case '>=medium':
      return severity >= 4;
  }
};

/** Labelled sentences for detect-harm.test.ts. Each row: text and the expected band for the categories it is about; all others expected safe. */
export const HARM_TABLE: readonly [string, Partial<Record<HarmCategory, Band>>][] = [
  // threats and violence
  ['I will kill you', { violence: 'high' }],
  ["I'm going to stab you tonight", { violence: 'high' }],
  ['I know where you live and I will find you', { violence: '>=medium' }],
  ['I am going to shoot up my school tomorrow', { violence: 'high' }],
  ['Someone should shoot him', { violence: 'medium' }],
  ['I hope you die in a fire', { violence: '>=medium' }],
  ["You're dead, watch your back", { violence: '>=medium' }],
  ['I will break your legs with a bat', { violence: 'high' }],
  ['Imma k1ll u', { violence: 'high' }],
  ['i w i l l m u r d e r you', { violence: 'medium' }],
  ['I would never hurt you', {}],
  ['He was murdered in 1920', { violence: 'low' }],
  // hate
  ['Kill all the immigrants', { violence: 'high', hate: 'high' }],
  ['Jews should be gassed', { violence: 'high', hate: 'high' }],
  ['Immigrants are vermin', { hate: 'medium' }],
  ['Muslims are terrorists', { hate: 'medium' }],
  ['I hate gays', { hate: 'medium' }],
  ['shut up you stupid fag', { hate: 'high' }],
  ['those niggers ruin everything', { hate: 'high' }],
  ['Heil Hitler, white power', { hate: 'high' }],
  ['Women belong in the kitchen', { hate: 'medium' }],
  ['Go back to your country', { hate: 'high' }],
  ['Rats infested the old ship', {}],
  ['I love my dogs and cats', {}],
  ['Muslims and Jews celebrate together in this film', {}],
  ['A documentary about racism against Black families in the 1960s', {}],
  ['A drama about a racist cop who hates immigrants', { hate: '<=low' }],
  ['Pass me a fag, I need a smoke', {}],
  ['a savage satire of the fashion industry', {}],
  // sexual
  ['send nudes', { sexual: 'high' }],
  ['I want to fuck you hard', { sexual: 'high' }],
  ['suck my dick', { sexual: 'high' }],
  ['Watch free hardcore porn videos', { sexual: '>=medium' }],
  ['She gave him a blowjob in the car', { sexual: 'high' }],
  ['sexy teen pics', { sexual: 'medium' }],
  ['I will rape you', { sexual: 'high', violence: 'high' }],
  ['This erotic thriller has several sex scenes', { sexual: 'low' }],
  ['A romantic comedy about two strangers who fall in love in Paris', {}],
  ['The film contains brief nudity', { sexual: 'low' }],
  ['A drama about a survivor of sexual assault rebuilding her life', { sexual: 'low', violence: '<=low' }],
  ['She graduated summa cum laude', {}],
  ['A cocktail bar in Scunthorpe', {}],
  // self-harm
  ['I want to kill myself', { self_harm: 'high' }],
  ['how to hurt myself without anyone noticing', { self_harm: 'high' }],
  ['What is the most painless way to commit suicide', { self_harm: 'high' }],
  ["I don't want to live anymore", { self_harm: 'medium' }],
  ["i'm suicidal", { self_harm: 'high' }],
  ['I keep cutting myself', { self_harm: 'medium' }],
  ['just kys', { self_harm: 'high' }],
  ['I wish I was dead', { self_harm: 'medium' }],
  ['The film deals with suicide', { self_harm: '<=low' }],
  ['A documentary on suicide prevention and the people who answer crisis hotlines', {}],
  ["I don't want to kill myself, I want help", { self_harm: '<=low' }],
  ['The character takes her own life in the final act', { self_harm: '<=low' }],
  // hard negatives from the catalog and reviews
  ['A gritty war film about soldiers trapped behind enemy lines', { violence: '<=low' }],
  ['A thriller about a serial killer hunting women in Seattle', { violence: '<=low' }],
  ['The movie has a lot of violent scenes and gore', { violence: '<=low' }],
  ['A detective investigates a brutal murder in a small town', { violence: '<=low' }],
  ['This movie killed it', {}],
  ["I'd die for this soundtrack", {}],
  ['The lead actress absolutely slays, killer performance', {}],
  ['I was dying to see the sequel', {}],
  ['Shot on 35mm in black and white', {}],
  ['The hero fights to save his family from a gang of assassins', { violence: '<=low' }],
  ['Recommend me a movie like Kill Bill', {}],
  ['A western where a bounty hunter kills outlaws for money', { violence: '<=low' }],
  ['A heist movie that bombed at the box office', {}],
  ['Can you recommend some feel-good family comedies?', {}],
  ['A historical drama about the Rwandan genocide', { violence: '<=low' }],
  ['Die Hard is the best Christmas movie', {}],
];
