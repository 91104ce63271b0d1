/**
 * Forenames and the nickname table. Children's forenames are drawn partly from a list of names common for
 * girls and boys born in England around 2010 (so that nicknames arise naturally) and partly from faker;
 * surnames always come from faker's en_GB list. Combinations are generated, never copied from anyone.
 */

import type { Faker } from '@faker-js/faker';
import type { Rng } from './random.ts';

/** Formal forename → the short forms and spellings agencies record instead. */
export const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  Jessica: ['Jess', 'Jessie'],
  Rebecca: ['Becky', 'Bex', 'Becca'],
  Kayleigh: ['Kayley', 'Kayla'],
  Samantha: ['Sam', 'Sammy'],
  Elizabeth: ['Beth', 'Lizzie', 'Liz'],
  Katherine: ['Kate', 'Katie', 'Kat'],
  Charlotte: ['Charlie', 'Lottie'],
  Abigail: ['Abbie', 'Abi'],
  Amelia: ['Millie', 'Amy'],
  Olivia: ['Liv', 'Livvy'],
  Georgia: ['Georgie'],
  Danielle: ['Dani'],
  Stephanie: ['Steph'],
  Victoria: ['Tori', 'Vicky'],
  Natasha: ['Tash', 'Tasha'],
  Jennifer: ['Jen', 'Jenny'],
  Megan: ['Meg'],
  Bethany: ['Beth'],
  Gabrielle: ['Gabby'],
  Isabelle: ['Izzy', 'Isabel'],
  Courtney: ['Court'],
  Chelsea: ['Chelsey'],
  Leah: ['Lea'],
  Demi: ['Demi-Leigh'],
  Thomas: ['Tom', 'Tommy'],
  Daniel: ['Dan', 'Danny'],
  Michael: ['Mike', 'Mikey'],
  Christopher: ['Chris'],
  Matthew: ['Matt'],
  Joseph: ['Joe'],
  William: ['Will', 'Billy'],
  Robert: ['Rob', 'Bobby'],
  Anthony: ['Tony', 'Ant'],
  Benjamin: ['Ben'],
  Jonathan: ['Jon', 'Jonny'],
  Nicholas: ['Nick'],
  Samuel: ['Sam'],
  Jacob: ['Jake'],
  Alexander: ['Alex'],
  Andrew: ['Andy'],
  Stephen: ['Steve'],
  Callum: ['Cal'],
  Bradley: ['Brad'],
};

const GIRLS_COMMON: readonly string[] = [
  'Jessica',
  'Rebecca',
  'Kayleigh',
  'Samantha',
  'Elizabeth',
  'Katherine',
  'Charlotte',
  'Abigail',
  'Amelia',
  'Olivia',
  'Georgia',
  'Danielle',
  'Stephanie',
  'Victoria',
  'Natasha',
  'Megan',
  'Bethany',
  'Isabelle',
  'Courtney',
  'Chelsea',
  'Leah',
  'Demi',
  'Chloe',
  'Emily',
  'Sophie',
  'Lily',
  'Ella',
  'Grace',
  'Ellie',
  'Holly',
  'Lauren',
  'Hannah',
  'Paige',
  'Shannon',
  'Jasmine',
  'Mia',
  'Evie',
  'Freya',
  'Lucy',
  'Niamh',
  'Caitlin',
  'Tia',
  'Jade',
  'Keira',
  'Summer',
  'Poppy',
  'Molly',
  'Aimee',
  'Amber',
  'Brooke',
];

const BOYS_COMMON: readonly string[] = [
  'Thomas',
  'Daniel',
  'Michael',
  'Christopher',
  'Matthew',
  'Joseph',
  'William',
  'Robert',
  'Anthony',
  'Benjamin',
  'Jonathan',
  'Nicholas',
  'Samuel',
  'Jacob',
  'Alexander',
  'Andrew',
  'Stephen',
  'Callum',
  'Bradley',
  'Jack',
  'Joshua',
  'Kieran',
  'Liam',
  'Ryan',
  'Jordan',
  'Connor',
  'Lewis',
  'Tyler',
  'Alfie',
  'Harry',
  'Ethan',
  'Mason',
  'Kyle',
  'Dylan',
  'Reece',
  'Nathan',
  'Jamie',
  'Craig',
  'Lee',
  'Darren',
];

/** Street names victims give for suspects they know only by a nickname. */
export const STREET_ALIASES: readonly string[] = [
  'Jay',
  'Dee',
  'Kez',
  'Ty',
  'AJ',
  'TJ',
  'Ricky',
  'Bez',
  'Rocco',
  'Ace',
];

export type NameSex = 'female' | 'male';

export function forename(rng: Rng, faker: Faker, sex: NameSex): string {
  if (rng.chance(0.65)) return rng.pick(sex === 'female' ? GIRLS_COMMON : BOYS_COMMON);
  return faker.person.firstName(sex);
}

export function surname(faker: Faker): string {
  return faker.person.lastName();
}

/** A nickname for the forename, if the table has one. */
export function nicknameOf(rng: Rng, formal: string): string | null {
  const options = NICKNAMES[formal];
  return options ? rng.pick(options) : null;
}
