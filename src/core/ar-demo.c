/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-demo"
#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ar-demo.h"
#include "ar-demo-private.h"
#include "ar-ledger-private.h"

/* A demo book for a dental practice: patients (consumers), self-employed patients and
 * corporate clients in several countries and scripts. Everything comes from one PRNG seeded
 * with the caller's seed, so the same seed and @today give the same book. */

/* How far back the oldest invoice may be issued (about 14 months). */
#define HISTORY_DAYS 425
#define MAX_INVOICES 6
#define MAX_PAYMENTS (MAX_INVOICES * 2 + 1)
#define CANCEL_EVERY 1000

/* PRNG: xoshiro256** seeded through splitmix64 ------------------------------------------ */

typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

static void
rng_init (Rng     *rng,
          guint64  seed)
{
  guint64 state = seed;

  for (guint i = 0; i < G_N_ELEMENTS (rng->s); i++)
    rng->s[i] = splitmix64 (&state);
}

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* Uniform in [0, n), without modulo bias. */
static guint64
rng_below (Rng     *rng,
           guint64  n)
{
  guint64 threshold;
  guint64 x;

  g_assert (n > 0);
  threshold = (0 - n) % n;
  do
    x = rng_next (rng);
  while (x < threshold);
  return x % n;
}

/* Uniform in [lo, hi]. */
static gint64
rng_range (Rng    *rng,
           gint64  lo,
           gint64  hi)
{
  g_assert (lo <= hi);
  return lo + (gint64) rng_below (rng, (guint64) (hi - lo) + 1);
}

/* TRUE with probability @per_mille / 1000. */
static gboolean
rng_chance (Rng   *rng,
            guint  per_mille)
{
  return rng_below (rng, 1000) < per_mille;
}

#define PICK(rng, array) (&(array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* Data ------------------------------------------------------------------------------------ */

typedef struct
{
  const char *native;
  const char *ascii;
  gboolean    female;
} Given;

typedef struct
{
  const char *native;
  const char *ascii;
  const char *native_female;  /* NULL: the same for both */
  const char *ascii_female;
} Family;

typedef struct
{
  const char *native;
  const char *ascii;
} Word;

typedef struct
{
  const char *city;
  const char *region;
  const char *postal_prefix;
  const char *area_code;
  const char *time_zone;
} Place;

typedef enum
{
  STREET_NUMBER_FIRST,  /* "4821 Maple Avenue", "12 rue de la Paix" */
  STREET_NUMBER_LAST,   /* "Hauptstraße 12", "ul. Długa 7" */
  STREET_NUMBER_COMMA,  /* "Calle Mayor, 15" */
  STREET_JAPANESE,      /* "丸の内1-2-3" */
  STREET_CHINESE,       /* "南京东路123号" */
} StreetStyle;

typedef enum
{
  BUSINESS_PREFIX_TRADE_SUFFIX,  /* "Harbor Dental LLC" */
  BUSINESS_TRADE_FAMILY_SUFFIX,  /* "Boulangerie Lefèvre SARL" */
  BUSINESS_FAMILY_TRADE_SUFFIX,  /* "Kowalski Bau GmbH" */
  BUSINESS_JAPANESE,             /* "株式会社佐藤商事" */
  BUSINESS_CHINESE,              /* "上海明华贸易有限公司" */
} BusinessStyle;

typedef enum
{
  PHONE_US,
  PHONE_GB,
  PHONE_GENERIC,
} PhoneStyle;

typedef struct
{
  const char    *country;
  const char    *currency;
  const char    *language;
  const char    *dial_code;
  guint          weight;
  gboolean       family_first;   /* CJK order, no space */
  guint          postal_digits;  /* random digits after the place's prefix; 0 = UK style */
  StreetStyle    street_style;
  BusinessStyle  business_style;
  PhoneStyle     phone_style;
  const Given   *given;
  guint          n_given;
  const Family  *family;
  guint          n_family;
  const Place   *places;
  guint          n_places;
  const char * const *streets;
  guint          n_streets;
  const Word    *trades;
  guint          n_trades;
  const Word    *prefixes;       /* business name prefixes; NULL: the family name */
  guint          n_prefixes;
  const char * const *suffixes;  /* legal forms */
  guint          n_suffixes;
} Locale;

/* United States */
static const Given us_given[] = {
  { "James", "james", FALSE }, { "Mary", "mary", TRUE }, { "Robert", "robert", FALSE },
  { "Patricia", "patricia", TRUE }, { "Michael", "michael", FALSE }, { "Jennifer", "jennifer", TRUE },
  { "David", "david", FALSE }, { "Linda", "linda", TRUE }, { "William", "william", FALSE },
  { "Elizabeth", "elizabeth", TRUE }, { "Christopher", "christopher", FALSE },
  { "Sarah", "sarah", TRUE }, { "Daniel", "daniel", FALSE }, { "Jessica", "jessica", TRUE },
  { "Matthew", "matthew", FALSE }, { "Ashley", "ashley", TRUE }, { "Anthony", "anthony", FALSE },
  { "Emily", "emily", TRUE }, { "Joshua", "joshua", FALSE }, { "Megan", "megan", TRUE },
  { "José", "jose", FALSE }, { "María", "maria", TRUE }, { "Ingrid", "ingrid", TRUE },
  { "Zoë", "zoe", TRUE }, { "Renée", "renee", TRUE }, { "DeShawn", "deshawn", FALSE },
  { "Kevin", "kevin", FALSE }, { "Aaliyah", "aaliyah", TRUE }, { "Brian", "brian", FALSE },
  { "Nguyen", "nguyen", FALSE },
};
static const Family us_family[] = {
  { "Smith", "smith", NULL }, { "Johnson", "johnson", NULL }, { "Williams", "williams", NULL },
  { "Brown", "brown", NULL }, { "Jones", "jones", NULL }, { "Garcia", "garcia", NULL },
  { "Miller", "miller", NULL }, { "Davis", "davis", NULL }, { "Rodriguez", "rodriguez", NULL },
  { "Martinez", "martinez", NULL }, { "Anderson", "anderson", NULL }, { "Taylor", "taylor", NULL },
  { "Thomas", "thomas", NULL }, { "Moore", "moore", NULL }, { "Jackson", "jackson", NULL },
  { "O'Brien", "obrien", NULL }, { "Peña", "pena", NULL }, { "Ødegaard", "odegaard", NULL },
  { "McAllister", "mcallister", NULL }, { "Washington", "washington", NULL },
  { "Nakamura", "nakamura", NULL }, { "Kowalski", "kowalski", NULL }, { "Tran", "tran", NULL },
  { "Ramírez", "ramirez", NULL }, { "Sullivan", "sullivan", NULL }, { "Bergström", "bergstrom", NULL },
};
static const Place us_places[] = {
  { "Portland", "OR", "972", "503", "America/Los_Angeles" },
  { "Seattle", "WA", "981", "206", "America/Los_Angeles" },
  { "San Diego", "CA", "921", "619", "America/Los_Angeles" },
  { "Denver", "CO", "802", "303", "America/Denver" },
  { "Phoenix", "AZ", "850", "602", "America/Phoenix" },
  { "Chicago", "IL", "606", "312", "America/Chicago" },
  { "Austin", "TX", "787", "512", "America/Chicago" },
  { "Minneapolis", "MN", "554", "612", "America/Chicago" },
  { "Atlanta", "GA", "303", "404", "America/New_York" },
  { "Boston", "MA", "021", "617", "America/New_York" },
  { "New York", "NY", "100", "212", "America/New_York" },
  { "Philadelphia", "PA", "191", "215", "America/New_York" },
  { "Miami", "FL", "331", "305", "America/New_York" },
  { "Honolulu", "HI", "968", "808", "Pacific/Honolulu" },
};
static const char * const us_streets[] = {
  "Maple Avenue", "Oak Street", "Harbor Boulevard", "Pine Street", "Cedar Lane", "Elm Street",
  "Washington Avenue", "Lakeview Drive", "Main Street", "Sunset Boulevard", "Park Place",
  "Hillcrest Road", "Riverside Drive", "Jefferson Street", "Magnolia Court", "Broadway",
};
static const Word us_trades[] = {
  { "Dental", "dental" }, { "Roofing", "roofing" }, { "Logistics", "logistics" },
  { "Bakery", "bakery" }, { "Auto Repair", "autorepair" }, { "Landscaping", "landscaping" },
  { "Consulting", "consulting" }, { "Realty", "realty" }, { "Veterinary Clinic", "vetclinic" },
  { "Plumbing", "plumbing" }, { "Software", "software" }, { "Fitness", "fitness" },
};
static const Word us_prefixes[] = {
  { "Harbor", "harbor" }, { "Summit", "summit" }, { "Evergreen", "evergreen" },
  { "Riverside", "riverside" }, { "Pioneer", "pioneer" }, { "Cornerstone", "cornerstone" },
  { "Blue Ridge", "blueridge" }, { "Lakeside", "lakeside" }, { "Golden State", "goldenstate" },
  { "Keystone", "keystone" }, { "Northwind", "northwind" }, { "Red Rock", "redrock" },
};
static const char * const us_suffixes[] = { "LLC", "Inc.", "Corp.", "LLC", "Co." };

/* United Kingdom */
static const Given gb_given[] = {
  { "Oliver", "oliver", FALSE }, { "Amelia", "amelia", TRUE }, { "Harry", "harry", FALSE },
  { "Isla", "isla", TRUE }, { "George", "george", FALSE }, { "Ava", "ava", TRUE },
  { "Noah", "noah", FALSE }, { "Emily", "emily", TRUE }, { "Jack", "jack", FALSE },
  { "Sophie", "sophie", TRUE }, { "Siobhán", "siobhan", TRUE }, { "Rhys", "rhys", FALSE },
  { "Priya", "priya", TRUE }, { "Callum", "callum", FALSE }, { "Eilidh", "eilidh", TRUE },
};
static const Family gb_family[] = {
  { "Smith", "smith", NULL }, { "Jones", "jones", NULL }, { "Taylor", "taylor", NULL },
  { "Brown", "brown", NULL }, { "Wilson", "wilson", NULL }, { "Evans", "evans", NULL },
  { "Thomas", "thomas", NULL }, { "Roberts", "roberts", NULL }, { "Walker", "walker", NULL },
  { "Wright", "wright", NULL }, { "Patel", "patel", NULL }, { "MacLeod", "macleod", NULL },
  { "Ó Súilleabháin", "osuilleabhain", NULL }, { "Ødegaard", "odegaard", NULL },
  { "Hughes", "hughes", NULL }, { "Khan", "khan", NULL },
};
static const Place gb_places[] = {
  { "London", "", "SW1A", "20", "Europe/London" },
  { "London", "", "EC2V", "20", "Europe/London" },
  { "Manchester", "", "M1", "161", "Europe/London" },
  { "Birmingham", "", "B1", "121", "Europe/London" },
  { "Edinburgh", "Scotland", "EH1", "131", "Europe/London" },
  { "Cardiff", "Wales", "CF10", "29", "Europe/London" },
  { "Leeds", "", "LS1", "113", "Europe/London" },
  { "Bristol", "", "BS1", "117", "Europe/London" },
};
static const char * const gb_streets[] = {
  "High Street", "Station Road", "Church Lane", "Victoria Road", "Kings Road", "Mill Lane",
  "Queen Street", "The Crescent", "Park Avenue", "Albert Road",
};
static const Word gb_trades[] = {
  { "Joinery", "joinery" }, { "Builders", "builders" }, { "Catering", "catering" },
  { "Electrical", "electrical" }, { "Design", "design" }, { "Haulage", "haulage" },
  { "Accountancy", "accountancy" }, { "Garden Centre", "gardencentre" },
};
static const Word gb_prefixes[] = {
  { "Thames", "thames" }, { "Pennine", "pennine" }, { "Cotswold", "cotswold" },
  { "Highland", "highland" }, { "Albion", "albion" }, { "Severn", "severn" },
  { "Chiltern", "chiltern" }, { "Kestrel", "kestrel" },
};
static const char * const gb_suffixes[] = { "Ltd", "Ltd", "LLP", "plc" };

/* Germany (and German residents with Turkish or Polish names) */
static const Given de_given[] = {
  { "Jürgen", "juergen", FALSE }, { "Anna", "anna", TRUE }, { "Lukas", "lukas", FALSE },
  { "Sophie", "sophie", TRUE }, { "Maximilian", "maximilian", FALSE }, { "Lea", "lea", TRUE },
  { "Jörg", "joerg", FALSE }, { "Käthe", "kaethe", TRUE }, { "Felix", "felix", FALSE },
  { "Hannah", "hannah", TRUE }, { "Mehmet", "mehmet", FALSE }, { "Ayşe", "ayse", TRUE },
  { "Björn", "bjoern", FALSE }, { "Søren", "soren", FALSE }, { "Greta", "greta", TRUE },
};
static const Family de_family[] = {
  { "Müller", "mueller", NULL }, { "Schmidt", "schmidt", NULL }, { "Schneider", "schneider", NULL },
  { "Fischer", "fischer", NULL }, { "Weber", "weber", NULL }, { "Schäfer", "schaefer", NULL },
  { "Wagner", "wagner", NULL }, { "Becker", "becker", NULL }, { "Hoffmann", "hoffmann", NULL },
  { "Yılmaz", "yilmaz", NULL }, { "Öztürk", "ozturk", NULL }, { "Kowalski", "kowalski", NULL },
  { "Groß", "gross", NULL }, { "Köhler", "koehler", NULL }, { "Brandt", "brandt", NULL },
};
static const Place de_places[] = {
  { "Berlin", "Berlin", "101", "30", "Europe/Berlin" },
  { "Hamburg", "Hamburg", "203", "40", "Europe/Berlin" },
  { "München", "Bayern", "803", "89", "Europe/Berlin" },
  { "Köln", "Nordrhein-Westfalen", "506", "221", "Europe/Berlin" },
  { "Frankfurt am Main", "Hessen", "603", "69", "Europe/Berlin" },
  { "Stuttgart", "Baden-Württemberg", "701", "711", "Europe/Berlin" },
  { "Leipzig", "Sachsen", "041", "341", "Europe/Berlin" },
};
static const char * const de_streets[] = {
  "Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenweg", "Lindenallee", "Königstraße",
  "Friedrichstraße", "Am Markt", "Goethestraße", "Mühlenweg", "Schloßplatz",
};
static const Word de_trades[] = {
  { "Bau", "bau" }, { "Elektro", "elektro" }, { "Sanitär", "sanitaer" },
  { "Logistik", "logistik" }, { "Bäckerei", "baeckerei" }, { "Maschinenbau", "maschinenbau" },
  { "Immobilien", "immobilien" }, { "Gebäudereinigung", "reinigung" },
};
static const char * const de_suffixes[] = { "GmbH", "GmbH", "GmbH & Co. KG", "KG", "AG", "e.K." };

/* France */
static const Given fr_given[] = {
  { "François", "francois", FALSE }, { "Éloïse", "eloise", TRUE }, { "Jérôme", "jerome", FALSE },
  { "Hélène", "helene", TRUE }, { "Gaël", "gael", FALSE }, { "Chloé", "chloe", TRUE },
  { "Théo", "theo", FALSE }, { "Léa", "lea", TRUE }, { "Nicolas", "nicolas", FALSE },
  { "Camille", "camille", TRUE }, { "Loïc", "loic", FALSE }, { "Amélie", "amelie", TRUE },
};
static const Family fr_family[] = {
  { "Martin", "martin", NULL }, { "Bernard", "bernard", NULL }, { "Dubois", "dubois", NULL },
  { "Lefèvre", "lefevre", NULL }, { "Moreau", "moreau", NULL }, { "Girard", "girard", NULL },
  { "Rousseau", "rousseau", NULL }, { "Faure", "faure", NULL }, { "Mercier", "mercier", NULL },
  { "Lemaître", "lemaitre", NULL }, { "Benoît", "benoit", NULL }, { "Chevalier", "chevalier", NULL },
};
static const Place fr_places[] = {
  { "Paris", "Île-de-France", "750", "1", "Europe/Paris" },
  { "Lyon", "Auvergne-Rhône-Alpes", "690", "4", "Europe/Paris" },
  { "Marseille", "Provence-Alpes-Côte d’Azur", "130", "4", "Europe/Paris" },
  { "Toulouse", "Occitanie", "310", "5", "Europe/Paris" },
  { "Nantes", "Pays de la Loire", "440", "2", "Europe/Paris" },
  { "Lille", "Hauts-de-France", "590", "3", "Europe/Paris" },
};
static const char * const fr_streets[] = {
  "rue de la Paix", "avenue Victor Hugo", "boulevard Saint-Michel", "rue des Écoles",
  "place de la République", "rue du Général Leclerc", "chemin des Vignes", "rue Pasteur",
};
static const Word fr_trades[] = {
  { "Boulangerie", "boulangerie" }, { "Menuiserie", "menuiserie" }, { "Transports", "transports" },
  { "Pharmacie", "pharmacie" }, { "Électricité", "electricite" }, { "Conseil", "conseil" },
};
static const char * const fr_suffixes[] = { "SARL", "SAS", "SARL", "SA", "EURL" };

/* Spain */
static const Given es_given[] = {
  { "José", "jose", FALSE }, { "María", "maria", TRUE }, { "Íñigo", "inigo", FALSE },
  { "Lucía", "lucia", TRUE }, { "Sergio", "sergio", FALSE }, { "Begoña", "begona", TRUE },
  { "Andrés", "andres", FALSE }, { "Inés", "ines", TRUE }, { "Álvaro", "alvaro", FALSE },
  { "Nuria", "nuria", TRUE },
};
static const Family es_family[] = {
  { "Peña", "pena", NULL }, { "García", "garcia", NULL }, { "Fernández", "fernandez", NULL },
  { "López", "lopez", NULL }, { "Muñoz", "munoz", NULL }, { "Sánchez", "sanchez", NULL },
  { "Martín", "martin", NULL }, { "Ibáñez", "ibanez", NULL }, { "Castillo", "castillo", NULL },
  { "Ortega", "ortega", NULL },
};
static const Place es_places[] = {
  { "Madrid", "Comunidad de Madrid", "280", "91", "Europe/Madrid" },
  { "Barcelona", "Cataluña", "080", "93", "Europe/Madrid" },
  { "Sevilla", "Andalucía", "410", "954", "Europe/Madrid" },
  { "Valencia", "Comunidad Valenciana", "460", "96", "Europe/Madrid" },
  { "Bilbao", "País Vasco", "480", "94", "Europe/Madrid" },
};
static const char * const es_streets[] = {
  "Calle Mayor", "Avenida de la Constitución", "Calle del Sol", "Paseo de Gracia",
  "Calle Alcalá", "Plaza de España", "Calle de la Peña", "Gran Vía",
};
static const Word es_trades[] = {
  { "Construcciones", "construcciones" }, { "Transportes", "transportes" },
  { "Panadería", "panaderia" }, { "Asesoría", "asesoria" }, { "Reformas", "reformas" },
};
static const char * const es_suffixes[] = { "S.L.", "S.L.", "S.A." };

/* Poland */
static const Given pl_given[] = {
  { "Łukasz", "lukasz", FALSE }, { "Małgorzata", "malgorzata", TRUE }, { "Paweł", "pawel", FALSE },
  { "Agnieszka", "agnieszka", TRUE }, { "Krzysztof", "krzysztof", FALSE }, { "Zofia", "zofia", TRUE },
  { "Wojciech", "wojciech", FALSE }, { "Jadwiga", "jadwiga", TRUE }, { "Michał", "michal", FALSE },
  { "Katarzyna", "katarzyna", TRUE },
};
static const Family pl_family[] = {
  { "Łukasiewicz", "lukasiewicz", NULL }, { "Kowalski", "kowalski", "Kowalska", "kowalska" },
  { "Nowak", "nowak", NULL }, { "Wiśniewski", "wisniewski", "Wiśniewska", "wisniewska" },
  { "Wójcik", "wojcik", NULL }, { "Zieliński", "zielinski", "Zielińska", "zielinska" },
  { "Szymański", "szymanski", "Szymańska", "szymanska" }, { "Dąbrowski", "dabrowski", "Dąbrowska", "dabrowska" },
  { "Gręda", "greda", NULL }, { "Żak", "zak", NULL },
};
static const Place pl_places[] = {
  { "Warszawa", "mazowieckie", "00-9", "22", "Europe/Warsaw" },
  { "Kraków", "małopolskie", "31-0", "12", "Europe/Warsaw" },
  { "Gdańsk", "pomorskie", "80-2", "58", "Europe/Warsaw" },
  { "Wrocław", "dolnośląskie", "50-1", "71", "Europe/Warsaw" },
  { "Łódź", "łódzkie", "90-0", "42", "Europe/Warsaw" },
};
static const char * const pl_streets[] = {
  "ul. Długa", "ul. Marszałkowska", "ul. Piotrkowska", "ul. Floriańska", "al. Jerozolimskie",
  "ul. Świętojańska", "ul. Lipowa", "ul. Ogrodowa",
};
static const Word pl_trades[] = {
  { "Budownictwo", "budownictwo" }, { "Transport", "transport" }, { "Meble", "meble" },
  { "Serwis", "serwis" }, { "Handel", "handel" },
};
static const char * const pl_suffixes[] = { "Sp. z o.o.", "Sp. z o.o.", "S.A.", "sp.k." };

/* Greece */
static const Given gr_given[] = {
  { "Ζωή", "zoi", TRUE }, { "Γιώργος", "giorgos", FALSE }, { "Μαρία", "maria", TRUE },
  { "Νίκος", "nikos", FALSE }, { "Ελένη", "eleni", TRUE }, { "Δημήτρης", "dimitris", FALSE },
  { "Κατερίνα", "katerina", TRUE }, { "Κώστας", "kostas", FALSE }, { "Αθηνά", "athina", TRUE },
  { "Σπύρος", "spyros", FALSE },
};
static const Family gr_family[] = {
  { "Παπαδόπουλος", "papadopoulos", "Παπαδοπούλου", "papadopoulou" }, { "Παπαδάκης", "papadakis", NULL },
  { "Οικονόμου", "oikonomou", NULL }, { "Γεωργίου", "georgiou", NULL },
  { "Νικολάου", "nikolaou", NULL }, { "Καραγιάννης", "karagiannis", "Καραγιάννη", "karagianni" },
  { "Βασιλείου", "vasileiou", NULL }, { "Αντωνίου", "antoniou", NULL },
  { "Μαυρίδης", "mavridis", "Μαυρίδου", "mavridou" },
};
static const Place gr_places[] = {
  { "Αθήνα", "Αττική", "105 ", "21", "Europe/Athens" },
  { "Θεσσαλονίκη", "Κεντρική Μακεδονία", "546 ", "231", "Europe/Athens" },
  { "Πάτρα", "Δυτική Ελλάδα", "262 ", "261", "Europe/Athens" },
  { "Ηράκλειο", "Κρήτη", "712 ", "281", "Europe/Athens" },
};
static const char * const gr_streets[] = {
  "Ερμού", "Σταδίου", "Πανεπιστημίου", "Αιόλου", "Τσιμισκή", "Εγνατίας", "Κολοκοτρώνη",
};
static const Word gr_trades[] = {
  { "Κατασκευές", "kataskeves" }, { "Μεταφορές", "metafores" }, { "Τρόφιμα", "trofima" },
  { "Ηλεκτρολογικά", "ilektrologika" },
};
static const char * const gr_suffixes[] = { "Α.Ε.", "Ε.Π.Ε.", "Ι.Κ.Ε.", "Ο.Ε." };

/* Bulgaria (euro since 2026) */
static const Given bg_given[] = {
  { "Иван", "ivan", FALSE }, { "Мария", "maria", TRUE }, { "Георги", "georgi", FALSE },
  { "Елена", "elena", TRUE }, { "Димитър", "dimitar", FALSE }, { "Десислава", "desislava", TRUE },
  { "Николай", "nikolay", FALSE }, { "Цветелина", "tsvetelina", TRUE },
};
static const Family bg_family[] = {
  { "Петров", "petrov", "Петрова", "petrova" }, { "Иванов", "ivanov", "Иванова", "ivanova" },
  { "Георгиев", "georgiev", "Георгиева", "georgieva" }, { "Димитров", "dimitrov", "Димитрова", "dimitrova" },
  { "Стоянов", "stoyanov", "Стоянова", "stoyanova" }, { "Тодоров", "todorov", "Тодорова", "todorova" },
  { "Христов", "hristov", "Христова", "hristova" },
};
static const Place bg_places[] = {
  { "София", "София-град", "1", "2", "Europe/Sofia" },
  { "Пловдив", "Пловдив", "4", "32", "Europe/Sofia" },
  { "Варна", "Варна", "9", "52", "Europe/Sofia" },
};
static const char * const bg_streets[] = {
  "ул. Витоша", "бул. Христо Ботев", "ул. Раковски", "ул. Граф Игнатиев", "бул. Цар Освободител",
};
static const Word bg_trades[] = {
  { "Строй", "stroy" }, { "Транс", "trans" }, { "Консулт", "konsult" }, { "Трейд", "trade" },
};
static const char * const bg_suffixes[] = { "ЕООД", "ООД", "АД" };

/* Japan (billed in US dollars) */
static const Given jp_given[] = {
  { "健", "ken", FALSE }, { "花子", "hanako", TRUE }, { "翔太", "shota", FALSE },
  { "美咲", "misaki", TRUE }, { "大輔", "daisuke", FALSE }, { "由美", "yumi", TRUE },
  { "拓也", "takuya", FALSE }, { "さくら", "sakura", TRUE },
};
static const Family jp_family[] = {
  { "佐藤", "sato", NULL }, { "鈴木", "suzuki", NULL }, { "高橋", "takahashi", NULL },
  { "田中", "tanaka", NULL }, { "渡辺", "watanabe", NULL }, { "伊藤", "ito", NULL },
  { "山本", "yamamoto", NULL }, { "中村", "nakamura", NULL },
};
static const Place jp_places[] = {
  { "千代田区", "東京都", "100-", "3", "Asia/Tokyo" },
  { "渋谷区", "東京都", "150-", "3", "Asia/Tokyo" },
  { "大阪市北区", "大阪府", "530-", "6", "Asia/Tokyo" },
  { "名古屋市中区", "愛知県", "460-", "52", "Asia/Tokyo" },
  { "札幌市中央区", "北海道", "060-", "11", "Asia/Tokyo" },
};
static const char * const jp_streets[] = {
  "丸の内", "神南", "梅田", "栄", "大通西", "有楽町", "道玄坂",
};
static const Word jp_trades[] = {
  { "商事", "shoji" }, { "建設", "kensetsu" }, { "物産", "bussan" }, { "製作所", "seisakusho" },
};
static const char * const jp_suffixes[] = { "" };

/* China (billed in US dollars) */
static const Given cn_given[] = {
  { "小明", "xiaoming", FALSE }, { "秀英", "xiuying", TRUE }, { "伟", "wei", FALSE },
  { "芳", "fang", TRUE }, { "建国", "jianguo", FALSE }, { "丽娟", "lijuan", TRUE },
  { "浩然", "haoran", FALSE }, { "静", "jing", TRUE },
};
static const Family cn_family[] = {
  { "王", "wang", NULL }, { "李", "li", NULL }, { "张", "zhang", NULL }, { "刘", "liu", NULL },
  { "陈", "chen", NULL }, { "杨", "yang", NULL }, { "赵", "zhao", NULL }, { "黄", "huang", NULL },
};
static const Place cn_places[] = {
  { "上海", "上海市", "2000", "21", "Asia/Shanghai" },
  { "北京", "北京市", "1000", "10", "Asia/Shanghai" },
  { "深圳", "广东省", "5180", "755", "Asia/Shanghai" },
  { "杭州", "浙江省", "3100", "571", "Asia/Shanghai" },
  { "成都", "四川省", "6100", "28", "Asia/Shanghai" },
};
static const char * const cn_streets[] = {
  "南京东路", "长安街", "深南大道", "延安西路", "人民路", "解放路", "天府大道",
};
static const Word cn_trades[] = {
  { "贸易", "trading" }, { "科技", "tech" }, { "建材", "jiancai" }, { "物流", "wuliu" },
};
static const Word cn_prefixes[] = {
  { "明华", "minghua" }, { "鑫源", "xinyuan" }, { "宏达", "hongda" }, { "华泰", "huatai" },
  { "永盛", "yongsheng" }, { "恒通", "hengtong" },
};
static const char * const cn_suffixes[] = { "有限公司" };

#define N(a) a, G_N_ELEMENTS (a)

static const Locale locales[] = {
  { "US", "USD", "en-US", "1", 550, FALSE, 2, STREET_NUMBER_FIRST, BUSINESS_PREFIX_TRADE_SUFFIX,
    PHONE_US, N (us_given), N (us_family), N (us_places), N (us_streets), N (us_trades),
    N (us_prefixes), N (us_suffixes) },
  { "GB", "GBP", "en-GB", "44", 100, FALSE, 0, STREET_NUMBER_FIRST, BUSINESS_PREFIX_TRADE_SUFFIX,
    PHONE_GB, N (gb_given), N (gb_family), N (gb_places), N (gb_streets), N (gb_trades),
    N (gb_prefixes), N (gb_suffixes) },
  { "DE", "EUR", "de-DE", "49", 80, FALSE, 2, STREET_NUMBER_LAST, BUSINESS_FAMILY_TRADE_SUFFIX,
    PHONE_GENERIC, N (de_given), N (de_family), N (de_places), N (de_streets), N (de_trades),
    NULL, 0, N (de_suffixes) },
  { "FR", "EUR", "fr-FR", "33", 50, FALSE, 2, STREET_NUMBER_FIRST, BUSINESS_TRADE_FAMILY_SUFFIX,
    PHONE_GENERIC, N (fr_given), N (fr_family), N (fr_places), N (fr_streets), N (fr_trades),
    NULL, 0, N (fr_suffixes) },
  { "ES", "EUR", "es-ES", "34", 40, FALSE, 2, STREET_NUMBER_COMMA, BUSINESS_TRADE_FAMILY_SUFFIX,
    PHONE_GENERIC, N (es_given), N (es_family), N (es_places), N (es_streets), N (es_trades),
    NULL, 0, N (es_suffixes) },
  { "PL", "EUR", "pl-PL", "48", 40, FALSE, 2, STREET_NUMBER_LAST, BUSINESS_FAMILY_TRADE_SUFFIX,
    PHONE_GENERIC, N (pl_given), N (pl_family), N (pl_places), N (pl_streets), N (pl_trades),
    NULL, 0, N (pl_suffixes) },
  { "GR", "EUR", "el-GR", "30", 30, FALSE, 2, STREET_NUMBER_LAST, BUSINESS_FAMILY_TRADE_SUFFIX,
    PHONE_GENERIC, N (gr_given), N (gr_family), N (gr_places), N (gr_streets), N (gr_trades),
    NULL, 0, N (gr_suffixes) },
  { "BG", "EUR", "bg-BG", "359", 30, FALSE, 3, STREET_NUMBER_LAST, BUSINESS_FAMILY_TRADE_SUFFIX,
    PHONE_GENERIC, N (bg_given), N (bg_family), N (bg_places), N (bg_streets), N (bg_trades),
    NULL, 0, N (bg_suffixes) },
  { "JP", "USD", "ja-JP", "81", 40, TRUE, 4, STREET_JAPANESE, BUSINESS_JAPANESE,
    PHONE_GENERIC, N (jp_given), N (jp_family), N (jp_places), N (jp_streets), N (jp_trades),
    NULL, 0, N (jp_suffixes) },
  { "CN", "USD", "zh-CN", "86", 40, TRUE, 2, STREET_CHINESE, BUSINESS_CHINESE,
    PHONE_GENERIC, N (cn_given), N (cn_family), N (cn_places), N (cn_streets), N (cn_trades),
    N (cn_prefixes), N (cn_suffixes) },
};

#undef N

/* What a dental practice bills, with the range of an invoice for it (minor units). */
typedef struct
{
  const char *description;
  gint64      min;
  gint64      max;
} Service;

static const Service patient_services[] = {
  { "Periodic oral exam and cleaning", 9500, 19500 },
  { "Full-mouth X-rays", 4500, 18000 },
  { "Composite filling, two surfaces", 15000, 45000 },
  { "Porcelain crown", 95000, 180000 },
  { "Root canal therapy, molar", 70000, 160000 },
  { "Dental implant with abutment", 300000, 480000 },
  { "Teeth whitening", 25000, 65000 },
  { "Night guard", 30000, 80000 },
  { "Emergency visit", 12000, 30000 },
  { "Orthodontic adjustment", 8000, 25000 },
  { "Wisdom tooth extraction", 22000, 60000 },
  { "Periodontal scaling and root planing", 18000, 42000 },
};

static const Service corporate_services[] = {
  { "Employee dental screenings", 60000, 240000 },
  { "Corporate dental plan, quarterly fee", 120000, 480000 },
  { "On-site hygiene day", 90000, 320000 },
  { "Occupational dental assessments", 45000, 150000 },
};

typedef enum
{
  PROFILE_PAID,        /* everything paid */
  PROFILE_OVERPAID,    /* everything paid, and some credit left on account */
  PROFILE_CURRENT,     /* pays on time; only the newest invoice is open */
  PROFILE_SLOW,        /* pays late, sometimes in part */
  PROFILE_DELINQUENT,  /* stopped paying months ago */
} Profile;

/* Debtors placed at fixed positions so that even a small book shows every aging bucket
 * (current, 1–30, 31–60, 61–90, 91+), a fully paid debtor and credit on account. */
typedef enum
{
  FORCE_NONE = -1,
  FORCE_BUCKET_CURRENT,
  FORCE_BUCKET_30,
  FORCE_BUCKET_60,
  FORCE_BUCKET_90,
  FORCE_BUCKET_OVER_90,
  FORCE_PAID,
  FORCE_OVERPAID,
  N_FORCED
} Forced;

/* Days past due of the newest invoice of a debtor forced into each bucket. */
static const int forced_days[5][2] = {
  { -10, 0 }, { 1, 30 }, { 31, 60 }, { 61, 90 }, { 91, 300 },
};

typedef struct
{
  gint64         id;
  guint32        issue;
  guint32        due;
  gint64         amount;
  const Service *service;
  char           number[24];
} PlannedInvoice;

typedef struct
{
  guint32 date;
  gint64  amount;
  gint64  invoice_id;
  char    reference[40];
} PlannedPayment;

typedef struct
{
  Rng      rng;
  guint32  today;
  guint64  next_invoice;
  ArLedger *ledger;

  /* The debtor being generated. */
  const Locale   *locale;
  ArDebtorKind    kind;
  Profile         profile;
  guint           terms;
  PlannedInvoice  invoices[MAX_INVOICES];
  guint           n_invoices;
  PlannedPayment  payments[MAX_PAYMENTS];
  guint           n_payments;

  /* The first debtors the collections desk works on (ar-demo-desk.c). */
  gint64          first_debtor_id;
  ArDemoCandidate candidates[AR_DEMO_DESK_DEBTORS];
  guint           n_candidates;
} Generator;

/* Helpers --------------------------------------------------------------------------------- */

static const Locale *
pick_locale (Rng *rng)
{
  guint total = 0;
  guint64 r;

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    total += locales[i].weight;
  r = rng_below (rng, total);
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      if (r < locales[i].weight)
        return &locales[i];
      r -= locales[i].weight;
    }
  g_assert_not_reached ();
}

/* Lower-case ASCII letters and digits of @text appended to @out (the rest dropped). */
static void
append_slug (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
}

static guint
pick_invoice_count (Rng *rng)
{
  /* 1–6, mean about 3. */
  static const guint weights[MAX_INVOICES] = { 150, 240, 270, 180, 100, 60 };
  guint64 r = rng_below (rng, 1000);

  for (guint i = 0; i < MAX_INVOICES; i++)
    {
      if (r < weights[i])
        return i + 1;
      r -= weights[i];
    }
  return 3;
}

static gint64
pick_amount (Rng           *rng,
             const Service *service)
{
  /* Whole dollars most of the time, then cents: fees are priced, but taxes and discounts
   * leave odd cents. */
  gint64 amount = rng_range (rng, service->min, service->max);

  if (rng_chance (rng, 600))
    amount -= amount % 100;
  return MAX (amount, 4500);
}

static void
set_payment_reference (Generator      *gen,
                       PlannedPayment *p,
                       gboolean        named)
{
  static const char * const unnamed[] = {
    "Bank transfer", "Cash at front desk", "Online payment", "Payment received", "Direct deposit",
  };
  Rng *rng = &gen->rng;
  char *buf = p->reference;
  gsize size = sizeof p->reference;

  if (!named && rng_chance (rng, 400))
    {
      g_strlcpy (buf, *PICK (rng, unnamed), size);
      return;
    }

  switch (rng_below (rng, 5))
    {
    case 0:
      g_snprintf (buf, size, "Check %u", (guint) rng_range (rng, 1001, 9999));
      break;
    case 1:
      g_snprintf (buf, size, "Card ending %04u", (guint) rng_range (rng, 0, 9999));
      break;
    case 2:
      g_snprintf (buf, size, "ACH %08" G_GINT64_MODIFIER "X",
                  rng_below (rng, G_GUINT64_CONSTANT (0x100000000)));
      break;
    case 3:
      g_snprintf (buf, size, "Wire %06u", (guint) rng_range (rng, 0, 999999));
      break;
    default:
      g_snprintf (buf, size, "Transfer %u", (guint) rng_range (rng, 100000, 999999));
      break;
    }
}

static PlannedPayment *
add_payment (Generator *gen,
             guint32    date,
             gint64     amount,
             gint64     invoice_id)
{
  PlannedPayment *p;

  g_assert (gen->n_payments < MAX_PAYMENTS);
  g_assert (amount > 0);
  p = &gen->payments[gen->n_payments++];
  p->date = MIN (date, gen->today);
  p->amount = amount;
  p->invoice_id = invoice_id;
  set_payment_reference (gen, p, invoice_id != 0);
  return p;
}

/* A date between @from and today, @lag days after @from when that is not in the future. */
static guint32
date_after (Generator *gen,
            guint32    from,
            gint64     lag)
{
  if (from + lag <= gen->today)
    return (guint32) (from + lag);
  return (guint32) rng_range (&gen->rng, from, gen->today);
}

/* Pays @inv in full, in one of the ways people pay. */
static void
pay_in_full (Generator      *gen,
             PlannedInvoice *inv,
             guint32         date)
{
  Rng *rng = &gen->rng;
  guint64 r = rng_below (rng, 1000);

  if (r < 720)
    add_payment (gen, date, inv->amount, inv->id);
  else if (r < 870)
    add_payment (gen, date, inv->amount, 0);
  else
    {
      /* Two instalments that name the invoice. */
      gint64 first = inv->amount * rng_range (rng, 30, 70) / 100;

      if (first <= 0 || first >= inv->amount)
        {
          add_payment (gen, date, inv->amount, inv->id);
          return;
        }
      add_payment (gen, date, first, inv->id);
      add_payment (gen, date_after (gen, date, rng_range (rng, 7, 40)), inv->amount - first,
                   inv->id);
    }
}

static void
pay_in_part (Generator      *gen,
             PlannedInvoice *inv,
             guint32         date)
{
  gint64 part = inv->amount * rng_range (&gen->rng, 25, 85) / 100;

  part -= part % 100;
  if (part > 0 && part < inv->amount)
    add_payment (gen, date, part, rng_chance (&gen->rng, 850) ? inv->id : 0);
}

/* Plans the debtor's invoices and payments. */
static void
plan_debtor (Generator *gen,
             Forced     forced)
{
  Rng *rng = &gen->rng;
  const Service *services = gen->kind == AR_DEBTOR_BUSINESS ? corporate_services
                                                             : patient_services;
  guint n_services = gen->kind == AR_DEBTOR_BUSINESS ? G_N_ELEMENTS (corporate_services)
                                                     : G_N_ELEMENTS (patient_services);
  guint32 oldest = gen->today - HISTORY_DAYS;
  guint32 newest_issue = gen->today;
  int open_days = 0;  /* days past due of the newest invoice, when it is left open */
  gboolean newest_open = FALSE;
  guint64 r;

  /* Profile: about a third of the book is fully paid. */
  r = rng_below (rng, 1000);
  gen->profile = r < 330 ? PROFILE_PAID
               : r < 360 ? PROFILE_OVERPAID
               : r < 660 ? PROFILE_CURRENT
               : r < 880 ? PROFILE_SLOW
                         : PROFILE_DELINQUENT;
  if (forced == FORCE_PAID)
    gen->profile = PROFILE_PAID;
  else if (forced == FORCE_OVERPAID)
    gen->profile = PROFILE_OVERPAID;
  else if (forced != FORCE_NONE)
    gen->profile = forced == FORCE_BUCKET_OVER_90 ? PROFILE_DELINQUENT : PROFILE_CURRENT;

  gen->n_invoices = pick_invoice_count (rng);
  gen->n_payments = 0;

  switch (gen->profile)
    {
    case PROFILE_CURRENT:
      open_days = (int) rng_range (rng, -(gint64) gen->terms + 1, 12);
      newest_open = TRUE;
      break;
    case PROFILE_SLOW:
      open_days = (int) rng_range (rng, 1, 90);
      newest_open = TRUE;
      break;
    case PROFILE_DELINQUENT:
      open_days = (int) rng_range (rng, 91, 330);
      newest_open = TRUE;
      break;
    case PROFILE_PAID:
    case PROFILE_OVERPAID:
    default:
      break;
    }
  if (forced >= FORCE_BUCKET_CURRENT && forced <= FORCE_BUCKET_OVER_90)
    open_days = (int) rng_range (rng, forced_days[forced][0], forced_days[forced][1]);

  /* Issue dates, oldest first; the open newest one placed by its days past due. */
  if (newest_open)
    newest_issue = (guint32) ((gint64) gen->today - open_days - gen->terms);
  for (guint i = 0; i < gen->n_invoices; i++)
    {
      PlannedInvoice *inv = &gen->invoices[i];
      const Service *s = &services[rng_below (rng, n_services)];

      inv->issue = (guint32) rng_range (rng, oldest, newest_issue);
      inv->amount = pick_amount (rng, s);
      inv->service = s;
      inv->id = 0;
    }
  if (newest_open)
    gen->invoices[gen->n_invoices - 1].issue = newest_issue;
  for (guint i = 1; i < gen->n_invoices; i++)
    for (guint j = i; j > 0 && gen->invoices[j - 1].issue > gen->invoices[j].issue; j--)
      {
        PlannedInvoice t = gen->invoices[j];
        gen->invoices[j] = gen->invoices[j - 1];
        gen->invoices[j - 1] = t;
      }
  for (guint i = 0; i < gen->n_invoices; i++)
    gen->invoices[i].due = gen->invoices[i].issue + gen->terms;
}

/* Plans the payments once the invoices have ids. */
static void
plan_payments (Generator *gen)
{
  Rng *rng = &gen->rng;
  guint n_paid = gen->n_invoices;
  guint32 stop = gen->today;

  switch (gen->profile)
    {
    case PROFILE_PAID:
    case PROFILE_OVERPAID:
      if (gen->n_invoices >= 2 && rng_chance (rng, 80))
        {
          /* One lump sum for everything, naming nothing. */
          gint64 total = 0;

          for (guint i = 0; i < gen->n_invoices; i++)
            total += gen->invoices[i].amount;
          add_payment (gen, date_after (gen, gen->invoices[gen->n_invoices - 1].issue,
                                        rng_range (rng, 5, 40)), total, 0);
        }
      else
        for (guint i = 0; i < gen->n_invoices; i++)
          pay_in_full (gen, &gen->invoices[i],
                       date_after (gen, gen->invoices[i].issue, rng_range (rng, 0, gen->terms + 20)));
      if (gen->profile == PROFILE_OVERPAID)
        {
          /* Paid twice, or a little too much. */
          PlannedInvoice *last = &gen->invoices[gen->n_invoices - 1];
          gint64 extra = rng_chance (rng, 300) ? last->amount : rng_range (rng, 100, 7500);

          add_payment (gen, date_after (gen, last->issue, rng_range (rng, 10, 50)), extra,
                       last->id);
        }
      return;

    case PROFILE_CURRENT:
      n_paid = gen->n_invoices - 1;
      for (guint i = 0; i < n_paid; i++)
        {
          PlannedInvoice *inv = &gen->invoices[i];
          guint32 date = inv->issue + (guint32) rng_range (rng, gen->terms / 2, gen->terms + 10);

          if (date <= gen->today)
            pay_in_full (gen, inv, date);
        }
      return;

    case PROFILE_SLOW:
      n_paid = gen->n_invoices - 1;
      for (guint i = 0; i < n_paid; i++)
        {
          PlannedInvoice *inv = &gen->invoices[i];
          guint32 date = inv->due + (guint32) rng_range (rng, 10, 100);

          if (date > gen->today)
            continue;
          if (rng_chance (rng, 250))
            pay_in_part (gen, inv, date);
          else
            pay_in_full (gen, inv, date);
        }
      if (rng_chance (rng, 200))
        pay_in_part (gen, &gen->invoices[gen->n_invoices - 1],
                     date_after (gen, gen->invoices[gen->n_invoices - 1].due, 3));
      return;

    case PROFILE_DELINQUENT:
    default:
      stop = gen->invoices[gen->n_invoices - 1].issue - (guint32) rng_range (rng, 0, 60);
      for (guint i = 0; i + 1 < gen->n_invoices; i++)
        {
          PlannedInvoice *inv = &gen->invoices[i];
          guint32 date = inv->due + (guint32) rng_range (rng, 0, 60);

          if (date <= stop)
            add_payment (gen, date, inv->amount, rng_chance (rng, 800) ? inv->id : 0);
        }
      if (rng_chance (rng, 300))
        {
          /* A token payment after the reminders. */
          PlannedInvoice *inv = &gen->invoices[gen->n_invoices - 1];
          pay_in_part (gen, inv, date_after (gen, inv->due, rng_range (rng, 20, 80)));
        }
      return;
    }
}

/* Date order; stable, so that the book does not depend on the C library's qsort(). */
static void
sort_payments (Generator *gen)
{
  for (guint i = 1; i < gen->n_payments; i++)
    for (guint j = i; j > 0 && gen->payments[j - 1].date > gen->payments[j].date; j--)
      {
        PlannedPayment t = gen->payments[j];
        gen->payments[j] = gen->payments[j - 1];
        gen->payments[j - 1] = t;
      }
}

/* Writing --------------------------------------------------------------------------------- */

static void
format_person (const Locale *locale,
               const Given  *given,
               const Family *family,
               char         *buf,
               gsize         size)
{
  const char *surname = given->female && family->native_female != NULL ? family->native_female
                                                                        : family->native;

  if (locale->family_first)
    g_snprintf (buf, size, "%s%s", surname, given->native);
  else
    g_snprintf (buf, size, "%s %s", given->native, surname);
}

static void
format_business (Generator    *gen,
                 const Family *family,
                 const Word   *trade,
                 const Place  *place,
                 const Word  **out_prefix,
                 char         *buf,
                 gsize         size)
{
  const Locale *l = gen->locale;
  Rng *rng = &gen->rng;
  const char *suffix = l->suffixes[rng_below (rng, l->n_suffixes)];
  const Word *prefix = NULL;

  if (l->prefixes != NULL && rng_chance (rng, 750))
    prefix = &l->prefixes[rng_below (rng, l->n_prefixes)];
  *out_prefix = prefix;

  switch (l->business_style)
    {
    case BUSINESS_PREFIX_TRADE_SUFFIX:
      g_snprintf (buf, size, "%s %s %s", prefix ? prefix->native : family->native, trade->native,
                  suffix);
      break;
    case BUSINESS_TRADE_FAMILY_SUFFIX:
      g_snprintf (buf, size, "%s %s %s", trade->native, family->native, suffix);
      break;
    case BUSINESS_FAMILY_TRADE_SUFFIX:
      g_snprintf (buf, size, "%s %s %s", family->native, trade->native, suffix);
      break;
    case BUSINESS_JAPANESE:
      g_snprintf (buf, size, "株式会社%s%s", family->native, trade->native);
      break;
    case BUSINESS_CHINESE:
    default:
      g_snprintf (buf, size, "%s%s%s%s", place->city,
                  prefix ? prefix->native : l->prefixes[0].native, trade->native, suffix);
      break;
    }
}

static void
format_street (Generator   *gen,
               char        *buf,
               gsize        size)
{
  const Locale *l = gen->locale;
  Rng *rng = &gen->rng;
  const char *street = l->streets[rng_below (rng, l->n_streets)];

  switch (l->street_style)
    {
    case STREET_NUMBER_FIRST:
      g_snprintf (buf, size, "%u %s",
                  (guint) rng_range (rng, 1, g_str_equal (l->country, "US") ? 9999 : 240), street);
      break;
    case STREET_NUMBER_LAST:
      g_snprintf (buf, size, "%s %u", street, (guint) rng_range (rng, 1, 160));
      break;
    case STREET_NUMBER_COMMA:
      g_snprintf (buf, size, "%s, %u", street, (guint) rng_range (rng, 1, 160));
      break;
    case STREET_JAPANESE:
      g_snprintf (buf, size, "%s%u-%u-%u", street, (guint) rng_range (rng, 1, 6),
                  (guint) rng_range (rng, 1, 20), (guint) rng_range (rng, 1, 30));
      break;
    case STREET_CHINESE:
    default:
      g_snprintf (buf, size, "%s%u号", street, (guint) rng_range (rng, 1, 999));
      break;
    }
}

static void
format_line2 (Generator *gen,
              char      *buf,
              gsize      size)
{
  Rng *rng = &gen->rng;

  buf[0] = '\0';
  if (!rng_chance (rng, gen->kind == AR_DEBTOR_BUSINESS ? 400 : 200))
    return;
  if (g_str_equal (gen->locale->country, "US") && gen->kind == AR_DEBTOR_BUSINESS)
    g_snprintf (buf, size, "Suite %u", (guint) rng_range (rng, 1, 40) * 10);
  else if (g_str_equal (gen->locale->country, "US"))
    g_snprintf (buf, size, "Apt %u%c", (guint) rng_range (rng, 1, 40),
                (char) ('A' + rng_below (rng, 6)));
  else if (g_str_equal (gen->locale->country, "GB"))
    g_snprintf (buf, size, "Flat %u", (guint) rng_range (rng, 1, 30));
  else if (g_str_equal (gen->locale->country, "DE"))
    g_snprintf (buf, size, "%u. OG", (guint) rng_range (rng, 1, 5));
  else if (g_str_equal (gen->locale->country, "FR"))
    g_snprintf (buf, size, "Bâtiment %c", (char) ('A' + rng_below (rng, 4)));
}

static void
format_postal_code (Generator   *gen,
                    const Place *place,
                    char        *buf,
                    gsize        size)
{
  static const char letters[] = "ABDEFGHJLNPQRSTUWXYZ";
  Rng *rng = &gen->rng;
  guint n = gen->locale->postal_digits;

  if (n == 0)
    {
      /* UK: outward code, space, digit and two letters. */
      g_snprintf (buf, size, "%s %u%c%c", place->postal_prefix, (guint) rng_below (rng, 10),
                  letters[rng_below (rng, sizeof letters - 1)],
                  letters[rng_below (rng, sizeof letters - 1)]);
      return;
    }
  g_strlcpy (buf, place->postal_prefix, size);
  for (gsize len = strlen (buf); n > 0 && len + 1 < size; n--, len++)
    {
      buf[len] = (char) ('0' + rng_below (rng, 10));
      buf[len + 1] = '\0';
    }
}

static void
format_phone (Generator   *gen,
              const Place *place,
              char        *buf,
              gsize        size)
{
  Rng *rng = &gen->rng;

  switch (gen->locale->phone_style)
    {
    case PHONE_US:
      /* 555-0100 to 555-0199 are reserved for fiction. */
      g_snprintf (buf, size, "+1 (%s) 555-01%02u", place->area_code, (guint) rng_below (rng, 100));
      break;
    case PHONE_GB:
      /* Ofcom's drama numbers. */
      g_snprintf (buf, size, "+44 20 7946 0%03u", (guint) rng_below (rng, 1000));
      break;
    case PHONE_GENERIC:
    default:
      g_snprintf (buf, size, "+%s %s %03u %04u", gen->locale->dial_code, place->area_code,
                  (guint) rng_below (rng, 1000), (guint) rng_below (rng, 10000));
      break;
    }
}

/* Storing ----------------------------------------------------------------------------------
 *
 * The rows go in through prepared statements rather than the public add functions: those
 * validate each row and open a savepoint per call, and ar_ledger_post() recomputes the
 * debtor's allocation before every payment, which costs about ten times as much for a book
 * built from known-good data. The audit triggers still record every row (attributed to the
 * "demo" action), and the allocation of every debtor is computed by the ledger itself when
 * the transaction commits. */

static int
bind_text (sqlite3_stmt *stmt,
           int           index,
           const char   *text)
{
  return sqlite3_bind_text (stmt, index, text != NULL ? text : "", -1, SQLITE_TRANSIENT);
}

static gboolean
insert_row (Generator     *gen,
            sqlite3_stmt  *stmt,
            gint64        *out_id,
            GError       **error)
{
  if (!_ar_ledger_step_done (gen->ledger, stmt, _("Could not write the demo book"), error))
    return FALSE;
  if (out_id != NULL)
    *out_id = sqlite3_last_insert_rowid (_ar_ledger_get_db (gen->ledger));
  return TRUE;
}

static gboolean
insert_debtor (Generator           *gen,
               const ArDebtorInfo  *info,
               gint64              *out_id,
               GError             **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (gen->ledger,
    "INSERT INTO debtors (external_id, kind, name, company, contact_person, language, country,"
    " region, time_zone, status, cease_contact, tags, notes)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, info->external_id);
  bind_text (stmt, 2, ar_debtor_kind_to_string (info->kind));
  bind_text (stmt, 3, info->name);
  bind_text (stmt, 4, info->company);
  bind_text (stmt, 5, info->contact_person);
  bind_text (stmt, 6, info->language);
  bind_text (stmt, 7, info->country);
  bind_text (stmt, 8, info->region);
  bind_text (stmt, 9, info->time_zone);
  bind_text (stmt, 10, ar_debtor_status_to_string (info->status));
  sqlite3_bind_int (stmt, 11, info->cease_contact ? 1 : 0);
  bind_text (stmt, 12, info->tags);
  bind_text (stmt, 13, info->notes);
  return insert_row (gen, stmt, out_id, error);
}

static gboolean
insert_address (Generator            *gen,
                gint64                debtor_id,
                const ArAddressInfo  *info,
                GError              **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (gen->ledger,
    "INSERT INTO addresses (debtor_id, label, line1, line2, city, region, postal_code, country,"
    " status, source, since) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  bind_text (stmt, 2, info->label);
  bind_text (stmt, 3, info->line1);
  bind_text (stmt, 4, info->line2);
  bind_text (stmt, 5, info->city);
  bind_text (stmt, 6, info->region);
  bind_text (stmt, 7, info->postal_code);
  bind_text (stmt, 8, info->country);
  bind_text (stmt, 9, ar_contact_status_to_string (info->status));
  bind_text (stmt, 10, info->source);
  _ar_bind_julian (stmt, 11, info->since);
  return insert_row (gen, stmt, NULL, error);
}

static gboolean
insert_contact_point (Generator           *gen,
                      gint64               debtor_id,
                      ArContactPointKind   kind,
                      const char          *label,
                      const char          *value,
                      ArContactStatus      status,
                      GError             **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (gen->ledger, kind == AR_CONTACT_POINT_PHONE
    ? "INSERT INTO phones (debtor_id, label, number, status, source, since)"
      " VALUES (?1, ?2, ?3, ?4, 'demo', ?5)"
    : "INSERT INTO emails (debtor_id, label, address, status, source, since)"
      " VALUES (?1, ?2, ?3, ?4, 'demo', ?5)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  bind_text (stmt, 2, label);
  bind_text (stmt, 3, value);
  bind_text (stmt, 4, ar_contact_status_to_string (status));
  _ar_bind_julian (stmt, 5, gen->today);
  return insert_row (gen, stmt, NULL, error);
}

/* A journal entry, as ar_ledger_add_invoice() and ar_ledger_post() write it. */
static gboolean
insert_entry (Generator    *gen,
              gint64        debtor_id,
              ArEntryKind   kind,
              guint32       date,
              gint64        amount,
              const char   *reference,
              const char   *memo,
              gint64        invoice_id,
              GError      **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (gen->ledger,
    "INSERT INTO entries (debtor_id, kind, date, amount, currency, reference, memo, invoice_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  bind_text (stmt, 2, ar_entry_kind_to_string (kind));
  _ar_bind_julian (stmt, 3, date);
  sqlite3_bind_int64 (stmt, 4, amount);
  bind_text (stmt, 5, gen->locale->currency);
  bind_text (stmt, 6, reference);
  bind_text (stmt, 7, memo);
  if (invoice_id != 0)
    sqlite3_bind_int64 (stmt, 8, invoice_id);
  return insert_row (gen, stmt, NULL, error);
}

static gboolean
insert_invoice (Generator       *gen,
                gint64           debtor_id,
                PlannedInvoice  *inv,
                GError         **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (gen->ledger,
    "INSERT INTO invoices (debtor_id, number, issue_date, due_date, currency, amount,"
    " description) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  bind_text (stmt, 2, inv->number);
  _ar_bind_julian (stmt, 3, inv->issue);
  _ar_bind_julian (stmt, 4, inv->due);
  bind_text (stmt, 5, gen->locale->currency);
  sqlite3_bind_int64 (stmt, 6, inv->amount);
  bind_text (stmt, 7, inv->service->description);
  return insert_row (gen, stmt, &inv->id, error) &&
         insert_entry (gen, debtor_id, AR_ENTRY_INVOICE, inv->issue, inv->amount, inv->number,
                       inv->service->description, inv->id, error);
}

/* The dispute behind a disputed debtor's status: a hold on its last invoice (the whole debtor
 * when it has none) since that invoice's issue date, never later than today. No draw from the
 * generator, so the rest of the book stays what the seed gave. */
static gboolean
insert_dispute (Generator  *gen,
                gint64      debtor_id,
                GError    **error)
{
  const PlannedInvoice *last = gen->n_invoices > 0 ? &gen->invoices[gen->n_invoices - 1] : NULL;
  sqlite3_stmt *stmt = _ar_ledger_prepare (gen->ledger,
    "INSERT INTO dunning_holds (debtor_id, invoice_id, kind, reason, start_date)"
    " VALUES (?1, ?2, 'dispute', ?3, ?4)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, debtor_id);
  if (last != NULL)
    sqlite3_bind_int64 (stmt, 2, last->id);
  bind_text (stmt, 3, "Disputes the last invoice.");
  _ar_bind_julian (stmt, 4, last != NULL ? MIN (last->issue, gen->today) : gen->today);
  return insert_row (gen, stmt, NULL, error);
}

static gboolean
add_one_debtor (Generator  *gen,
                guint       index,
                Forced      forced,
                GError    **error)
{
  static const char * const person_domains[] = {
    "example.com", "example.net", "example.org", "mail.example",
  };
  static const char * const business_mailboxes[] = {
    "accounts", "billing", "finance", "ap", "office",
  };
  Rng *rng = &gen->rng;
  const Locale *l;
  const Given *given;
  const Family *family;
  const Place *place;
  const Word *trade;
  const Word *prefix = NULL;
  char external_id[16];
  char person[128];
  char company[192] = "";
  char street[128];
  char line2[32];
  char postal[24];
  char phone[40];
  g_autoptr(GString) email = g_string_sized_new (64);
  ArDebtorInfo info = { 0 };
  ArAddressInfo address = { 0 };
  ArDebtorStatus drawn = AR_STATUS_ACTIVE;
  guint64 r;
  gint64 debtor_id;

  l = gen->locale = pick_locale (rng);
  r = rng_below (rng, 1000);
  gen->kind = r < 600 ? AR_DEBTOR_CONSUMER : r < 750 ? AR_DEBTOR_SOLE_TRADER : AR_DEBTOR_BUSINESS;
  gen->terms = gen->kind == AR_DEBTOR_CONSUMER ? (rng_chance (rng, 500) ? 15 : 30)
             : gen->kind == AR_DEBTOR_SOLE_TRADER ? (rng_chance (rng, 300) ? 15 : 30)
             : (rng_chance (rng, 600) ? 30 : 45);

  given = &l->given[rng_below (rng, l->n_given)];
  family = &l->family[rng_below (rng, l->n_family)];
  place = &l->places[rng_below (rng, l->n_places)];
  trade = &l->trades[rng_below (rng, l->n_trades)];
  format_person (l, given, family, person, sizeof person);
  g_snprintf (external_id, sizeof external_id, "C%06u", index + 1);

  info.external_id = external_id;
  info.kind = gen->kind;
  info.language = l->language;
  info.country = l->country;
  info.region = place->region;
  info.time_zone = place->time_zone;
  info.status = AR_STATUS_ACTIVE;
  switch (gen->kind)
    {
    case AR_DEBTOR_BUSINESS:
      format_business (gen, family, trade, place, &prefix, company, sizeof company);
      info.name = company;
      info.company = company;
      info.contact_person = person;
      break;
    case AR_DEBTOR_SOLE_TRADER:
      if (l->family_first)
        g_snprintf (company, sizeof company, "%s%s", family->native, trade->native);
      else
        g_snprintf (company, sizeof company, "%s %s", family->native, trade->native);
      info.name = person;
      info.company = company;
      break;
    case AR_DEBTOR_CONSUMER:
    case AR_N_DEBTOR_KINDS:
    default:
      info.name = person;
      break;
    }

  plan_debtor (gen, forced);
  /* Every status has its record behind it: a plan, a pending promise and an agency hand-over
   * come from the desk (ar-demo-desk.c) through the public functions, a dispute gets its
   * dispute hold on the last invoice below. The draw of the old random statuses stays, so that
   * a seed gives the book it always gave otherwise and the desk the same candidates; a drawn
   * "promise" or "agency" becomes active, as neither a promise nor a hand-over can be made up
   * here at the speed of the rest (`arrears-cli check` warns about a status without them). */
  if (gen->profile == PROFILE_DELINQUENT)
    {
      r = rng_below (rng, 1000);
      drawn = r < 300 ? AR_STATUS_PROMISE : r < 450 ? AR_STATUS_AGENCY
            : r < 550 ? AR_STATUS_DISPUTED : AR_STATUS_ACTIVE;
      if (drawn == AR_STATUS_DISPUTED)
        {
          info.status = AR_STATUS_DISPUTED;
          info.notes = "Disputes the last invoice.";
        }
    }
  else if (gen->profile == PROFILE_SLOW && rng_chance (rng, 150))
    ;
  else if (gen->kind == AR_DEBTOR_BUSINESS && rng_chance (rng, 200))
    info.tags = "key-account";
  if (rng_chance (rng, 5))
    info.cease_contact = TRUE;

  if (!insert_debtor (gen, &info, &debtor_id, error))
    return FALSE;
  _ar_ledger_mark_dirty (gen->ledger, debtor_id);
  if (index == 0)
    gen->first_debtor_id = debtor_id;
  if (index < AR_DEMO_DESK_DEBTORS && drawn == AR_STATUS_ACTIVE && !info.cease_contact &&
      (gen->profile == PROFILE_SLOW || gen->profile == PROFILE_DELINQUENT))
    {
      ArDemoCandidate *c = &gen->candidates[gen->n_candidates++];

      c->debtor_id = debtor_id;
      c->currency = gen->locale->currency;
      c->delinquent = gen->profile == PROFILE_DELINQUENT;
    }

  format_street (gen, street, sizeof street);
  format_line2 (gen, line2, sizeof line2);
  format_postal_code (gen, place, postal, sizeof postal);
  address.label = gen->kind == AR_DEBTOR_BUSINESS ? "billing" : "home";
  address.line1 = street;
  address.line2 = line2;
  address.city = place->city;
  address.region = place->region;
  address.postal_code = postal;
  address.country = l->country;
  address.status = rng_chance (rng, 30) ? AR_CONTACT_RETURNED_MAIL
                 : rng_chance (rng, 600) ? AR_CONTACT_VALID : AR_CONTACT_UNVERIFIED;
  address.source = "demo";
  address.since = gen->today - HISTORY_DAYS - (guint32) rng_below (rng, 1500);
  if (!insert_address (gen, debtor_id, &address, error))
    return FALSE;

  if (rng_chance (rng, 950))
    {
      format_phone (gen, place, phone, sizeof phone);
      if (!insert_contact_point (gen, debtor_id, AR_CONTACT_POINT_PHONE,
                                 gen->kind == AR_DEBTOR_CONSUMER ? "mobile" : "office", phone,
                                 rng_chance (rng, 40) ? AR_CONTACT_DISCONNECTED
                                                      : AR_CONTACT_VALID,
                                 error))
        return FALSE;
    }
  if (rng_chance (rng, 900))
    {
      if (gen->kind == AR_DEBTOR_BUSINESS)
        {
          g_string_append_printf (email, "%s@", *PICK (rng, business_mailboxes));
          append_slug (email, prefix != NULL ? prefix->ascii : family->ascii);
          g_string_append_c (email, '-');
          append_slug (email, trade->ascii);
          g_string_append (email, ".example");
        }
      else
        {
          append_slug (email, given->ascii);
          g_string_append_c (email, '.');
          append_slug (email, given->female && family->ascii_female != NULL
                              ? family->ascii_female : family->ascii);
          if (rng_chance (rng, 400))
            g_string_append_printf (email, "%u", (guint) rng_range (rng, 1, 99));
          g_string_append_printf (email, "@%s", *PICK (rng, person_domains));
        }
      if (!insert_contact_point (gen, debtor_id, AR_CONTACT_POINT_EMAIL,
                                 gen->kind == AR_DEBTOR_CONSUMER ? "personal" : "work",
                                 email->str,
                                 rng_chance (rng, 25) ? AR_CONTACT_BAD : AR_CONTACT_VALID,
                                 error))
        return FALSE;
    }

  for (guint i = 0; i < gen->n_invoices; i++)
    {
      PlannedInvoice *inv = &gen->invoices[i];

      g_snprintf (inv->number, sizeof inv->number, "INV-%06" G_GUINT64_FORMAT,
                  ++gen->next_invoice);
      if (!insert_invoice (gen, debtor_id, inv, error))
        return FALSE;
    }
  if (info.status == AR_STATUS_DISPUTED && !insert_dispute (gen, debtor_id, error))
    return FALSE;

  plan_payments (gen);
  sort_payments (gen);
  for (guint i = 0; i < gen->n_payments; i++)
    {
      const PlannedPayment *p = &gen->payments[i];

      if (!insert_entry (gen, debtor_id, AR_ENTRY_PAYMENT, p->date, p->amount, p->reference,
                         NULL, p->invoice_id, error))
        return FALSE;
    }
  return TRUE;
}

/* The desk is built on the first debtors before the rest are generated, so that its dunning
 * runs read a small book: a 100,000-debtor demo costs what it did without it. */
static gboolean
build_desk (Generator  *gen,
            guint       n_generated,
            GError    **error)
{
  for (guint i = 0; i < n_generated; i++)
    {
      /* Rows inserted one after the other get consecutive ids; the desk and its dunning runs
       * read the stored allocation. */
      if (!_ar_ledger_flush_debtor (gen->ledger, gen->first_debtor_id + i, error))
        return FALSE;
    }
  return _ar_demo_desk_build (gen->ledger, gen->candidates, gen->n_candidates, gen->today,
                              error);
}

static gboolean
set_demo_company (ArLedger  *ledger,
                  GError   **error)
{
  ArCompanyInfo company = {
    .legal_name = "Bright Smile Dental Practice, PLLC",
    .trade_name = "Bright Smile Dental Practice",
    .address_line1 = "1450 Harbor Boulevard",
    .address_line2 = "Suite 210",
    .city = "Portland",
    .region = "OR",
    .postal_code = "97201",
    .country = "US",
    .phone = "+1 (503) 555-0142",
    .email = "billing@brightsmile.example",
    .website = "https://brightsmile.example",
    .tax_id = "EIN 12-3456789",
    .payment_instructions = _("Pay by bank transfer quoting the invoice number, by card at the "
                              "front desk, or by check payable to Bright Smile Dental Practice."),
    .bank_account = "Example Community Bank, account 000123456789",
    .iban = "GB33BUKB20201555555555",
    .bic = "BUKBGB22",
    .routing_number = "123456780",
    .default_currency = "USD",
    .signature_name = "Dr. Alicia Moreno, DDS",
  };

  return ar_ledger_set_company (ledger, &company, error);
}

static gboolean
ledger_is_empty (ArLedger  *ledger,
                 gboolean  *out_empty,
                 GError   **error)
{
  sqlite3_stmt *stmt = _ar_ledger_prepare (ledger,
    "SELECT EXISTS (SELECT 1 FROM debtors) OR EXISTS (SELECT 1 FROM invoices)", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return _ar_ledger_set_sql_error (ledger, _("Could not read the ledger"), error);
    }
  *out_empty = sqlite3_column_int (stmt, 0) == 0;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
ar_demo_generate (ArLedger      *ledger,
                  guint          n_debtors,
                  guint64        seed,
                  guint32        today,
                  GCancellable  *cancellable,
                  GError       **error)
{
  Generator gen = { 0 };
  guint forced_at[N_FORCED];
  gboolean empty = FALSE;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), FALSE);
  g_return_val_if_fail (g_date_valid_julian (today) && today > HISTORY_DAYS + 2000, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!ledger_is_empty (ledger, &empty, error))
    return FALSE;
  if (!empty)
    {
      g_set_error_literal (error, AR_LEDGER_ERROR, AR_LEDGER_ERROR_INVALID,
                           _("The demo book can only be generated into an empty ledger"));
      return FALSE;
    }

  rng_init (&gen.rng, seed);
  gen.today = today;
  gen.ledger = ledger;
  for (guint k = 0; k < N_FORCED; k++)
    forced_at[k] = (guint) ((guint64) k * n_debtors / N_FORCED);

  if (!ar_ledger_begin (ledger, "demo", error))
    return FALSE;
  if (!set_demo_company (ledger, error))
    goto fail;

  for (guint i = 0; i < n_debtors; i++)
    {
      Forced forced = FORCE_NONE;

      if (i % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      for (guint k = 0; k < N_FORCED; k++)
        if (forced_at[k] == i)
          {
            forced = (Forced) k;
            break;
          }
      if (!add_one_debtor (&gen, i, forced, error))
        goto fail;
      if (i + 1 == MIN (n_debtors, AR_DEMO_DESK_DEBTORS) && !build_desk (&gen, i + 1, error))
        goto fail;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  return ar_ledger_commit (ledger, error);

fail:
  ar_ledger_rollback (ledger);
  return FALSE;
}
