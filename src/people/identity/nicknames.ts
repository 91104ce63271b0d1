/**
 * Nicknames, diminutives and spelling variants of given names common in Britain. Each line is one
 * group of names that may be written for the same person. A name can sit in several groups (Sam is
 * Samantha or Samuel), so lookups return every group a name belongs to.
 * The list is data: extend it by adding lines.
 */
const GROUPS_TEXT = `
jessica jess jessie jessy jesse
rebecca becky becca bex beckie becki
kayleigh kayley kaylee kayla kaley kailey
elizabeth liz lizzie lizzy beth betty bess bessie eliza libby lisa liza elspeth betsy
samantha sam sammy sammie
samuel sam sammy
katherine kate katie kathy kath cathy catherine kathryn kathleen kat katy kitty cath katharine
eleanor ellie elle nell nellie ellen elinor eleanore
amelia millie milly amy mia
abigail abbie abby abi gail
chloe cloe khloe
natalie nat natalia nattie natasha tasha
jennifer jen jenny jenni jennie
chantelle chantel shantelle chantal shantel
thomas tom tommy thom
james jim jimmy jamie jimmie jas
william bill billy will willie liam wills
robert bob bobby rob robbie robby bert
daniel dan danny dani
mohammed muhammad mohammad mohamed muhammed mohamad mo mohd mahomed
michael mike mick mickey micky mikey mikael
christopher chris kit topher christie
christine chris chrissie christina kristina kirsty kirsteen christie tina
alexander alex alec sandy xander sasha lex alistair alasdair
alexandra alex alexa sandra lexi lexie sasha alexis
andrew andy drew
anthony tony ant antony
benjamin ben benny benji
charles charlie chas chuck charley
charlotte charlie lottie lotte carly
david dave davey davie
edward ed eddie ted teddy ned
elliott elliot eli
francis frank frankie fran
frances fran frankie fanny
frederick fred freddie freddy
george georgie geordie
georgina georgie gina georgia
gregory greg
harry henry harold hal hank
jacob jake jakob
jack jackie john jock
john johnny jon jonny ian sean shaun shawn evan
jonathan jon jonny jonty nathan
joseph joe joey jo
josephine jo josie jose
joanne jo jo-anne joanna joann
joshua josh
kenneth ken kenny
lawrence larry laurie lawrie laurence
leonard len lenny leo
margaret maggie meg megan peggy marge maisie greta rita daisy margot
mary molly polly mae may maria marie mari
matthew matt matty
nicholas nick nicky nico
nicola nicky nikki nichola nicole
oliver ollie olly noll
olivia liv livvy ollie livia
patrick pat paddy
patricia pat patty trish tricia
peter pete
philip phil pip phillip
raymond ray
richard rich richie rick ricky dick
ronald ron ronnie
stephen steve stevie steven
stephanie steph stephie steff
susan sue susie suzy suzanne susannah
timothy tim timmy
victoria vicky vikki tori vic
zachary zach zack zak
nathaniel nathan nat nate
isabella isabel isabelle bella izzy izzie issy isobel
gabriella gabby gabi ella gabrielle
emily emma em emmy emilie
emma em emmy
hannah hanna anna
ann anne annie anna hannah nan nancy
deborah debbie debra deb
dorothy dot dottie dolly
helen nell nellie helena ellen
louise lou lulu louisa
lucy lucinda lu lucie
madeleine maddie madeline maddy madison
megan meg meghan megs
rachel rach rae
sarah sara sally sadie
sophie sophia soph
theodore theo ted teddy
theresa tess tessa terri teresa tracy
vanessa nessa ness
zoe zoey zoë
harriet hattie hatty
adam ad
aidan aiden ayden
callum calum cal
cameron cam
connor conor
declan dec
dominic dom
dylan dillon
ethan
gareth gaz gary
gary gaz gazza garry
jason jay
jordan jordon
kieran kieron ciaran
lewis louis lou
luke lucas
mark marc marcus
martin marty
owen ewan euan
reece rees reese rhys
ryan rian
scott scottie
simon si
stuart stewart stu
terence terry tel
wayne
jordan jord
jade jayde
danielle dani danni daniela
paige page
shannon shan
leanne lee-anne leeanne lianne
joanne joanna jo
kimberley kim kimberly
kelly kelli kellie
lauren laura laurie lori
amanda mandy manda
lindsey lindsay linz
melissa mel missy lissa
melanie mel
caroline carol carrie carolyn
catrin cat caitlin caitlyn kaitlyn katelyn
bethany beth
courtney
demi demi-leigh
georgia georgie
holly hollie
jasmine jas jazz yasmin yasmine jasmin
leah lea lia
megan
nadia
poppy pop
ruby rubie
scarlett scarlet
summer
tegan teagan
tia tiah
tiffany tiff
tyler ty
yasmin yasmine jasmine
ashley ash
bradley brad
brandon
jamal jamaal
kyle
lee leigh
liam
mason
nathan nate
reuben ruben
tobias toby
toby
tristan
aaron aron
abdul
ahmed ahmad
ali
bilal
hamza hamzah
hassan hasan
hussain hussein husain
ibrahim ebrahim
imran
ismail ismael
omar umar
osman usman uthman
yusuf yousef yusef joseph
zain zayn zane
aisha ayesha aysha
amina aminah
fatima fatimah fatma
khadija khadijah
maryam mariam miriam
zainab zaynab
sana
iqra
anil
arjun
priya
harpreet
manpreet
gurpreet
sandeep
siobhan shivaun
sinead
niamh neve
aoife
gemma jemma
kirsty kirstie kirsten
alison allison ali ally
angela angie
barbara barb babs
beverley bev beverly
brenda
carole carol
denise
dennis den
diane dianne diana di
donna
elaine
geoffrey geoff jeff jeffrey
gillian gill jill jillian
graham graeme
iris
jacqueline jackie jacqui jacky
janet jan janette
janice jan
jean jeanie jeanette
judith judy jude
julie jules julia juliet
karen karin caren
lesley leslie les
linda lin lindy
lorraine
maureen mo
nigel nige
norman norm
pamela pam
pauline paula
rosemary rose rosie rosa rosalind roz
sandra sandy
sharon shaz
sheila
shirley
tracey tracy trace
valerie val
wendy
yvonne
albert bert bertie al
alfred alf alfie fred
archibald archie
arthur art artie
bernard bernie
cecil
clifford cliff
colin col
derek del
douglas doug dougie
eric
ernest ernie
gordon gordie
herbert herb bert
howard
jeremy jerry
keith
malcolm mal
maurice mo
neil niall neal
nicholas nico
percival percy
reginald reg reggie
roger rodge
rupert
sebastian seb bastian
stanley stan
trevor
vincent vince vinny
walter walt wally
`;

/** Each group's names, normalised to upper case letters (the form used in prepared records). */
export const NICKNAME_GROUPS: readonly (readonly string[])[] = GROUPS_TEXT.split('\n')
  .map((line) => line.trim())
  .filter((line) => line.length > 0)
  .map((line) => line.split(/\s+/).map((name) => name.toUpperCase().replace(/[^A-Z]/g, '')));

const EMPTY: readonly number[] = Object.freeze([]);

/** Name → ids of the groups it belongs to. Groups that share a name (Jess, Jessie) stay separate. */
const GROUPS_BY_NAME: ReadonlyMap<string, readonly number[]> = (() => {
  const byName = new Map<string, number[]>();
  NICKNAME_GROUPS.forEach((group, id) => {
    // A group of one name links nothing, but keep it: it documents that the name was considered.
    if (group.length < 2) return;
    for (const name of group) {
      const ids = byName.get(name) ?? [];
      if (!ids.includes(id)) ids.push(id);
      byName.set(name, ids);
    }
  });
  const frozen = new Map<string, readonly number[]>();
  for (const [name, ids] of byName) frozen.set(name, Object.freeze(ids));
  return frozen;
})();

/**
 * Ids of the nickname groups of a normalised forename. The same frozen array is returned for the
 * same name, so prepared records share them instead of allocating.
 */
export function nicknameGroups(normalisedForename: string): readonly number[] {
  return GROUPS_BY_NAME.get(normalisedForename) ?? EMPTY;
}

/** True when the two group lists share a group: the names are nicknames or variants of each other. */
export function shareNicknameGroup(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const id = a[i]!;
    for (let j = 0; j < b.length; j++) if (b[j] === id) return true;
  }
  return false;
}
