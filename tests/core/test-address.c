/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "ar-country.h"
#include "ar-statement.h"

typedef struct
{
  const char *line1, *line2, *city, *region, *postal, *country, *sender;
  const char *want;
} Case;

static void
check_cases (const Case *cases,
             guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      const Case *c = &cases[i];
      g_autofree char *out = ar_postal_address_format (c->line1, c->line2, c->city, c->region,
                                                       c->postal, c->country, c->sender);

      g_test_message ("case %u: %s", i, c->want);
      g_assert_cmpstr (out, ==, c->want);
    }
}

/* Where the national format prints the region, it is printed, in its place. */
static void
test_region_printed (void)
{
  static const Case cases[] = {
    { "1 Main St", "Apt 2", "Springfield", "IL", "62704", "US", "US",
      "1 Main St\nApt 2\nSpringfield, IL 62704" },
    { "111 Wellington St", NULL, "Ottawa", "ON", "K1A 0A9", "CA", "CA",
      "111 Wellington St\nOttawa ON K1A 0A9" },
    { "1 Macquarie St", NULL, "Sydney", "NSW", "2000", "AU", "AU",
      "1 Macquarie St\nSydney NSW 2000" },
    { "Via dei Fori Imperiali 1", NULL, "Roma", "RM", "00184", "IT", "IT",
      "Via dei Fori Imperiali 1\n00184 Roma RM" },
    { "Calle Mayor 1", NULL, "Aranjuez", "Madrid", "28300", "ES", "ES",
      "Calle Mayor 1\n28300 Aranjuez Madrid" },
    { "Av. Paulista 1000", NULL, "São Paulo", "SP", "01310-100", "BR", "BR",
      "Av. Paulista 1000\nSão Paulo-SP\n01310-100" },
    { "1-1 Chiyoda", NULL, "Chiyoda-ku", "Tokyo", "100-8994", "JP", "JP",
      "1-1 Chiyoda\nChiyoda-ku, Tokyo 100-8994" },
    { "1 Grafton St", NULL, "Dublin 2", "Co. Dublin", "D02 X285", "IE", "IE",
      "1 Grafton St\nDublin 2\nCo. Dublin\nD02 X285" },
    /* A country we have no pattern for keeps the region, on its own line. */
    { "Jalan 1", NULL, "Kuala Lumpur", "Wilayah Persekutuan", "50000", "MY", "MY",
      "Jalan 1\n50000 Kuala Lumpur\nWilayah Persekutuan" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* Where the national format has no region, a region typed in is not printed. */
static void
test_region_left_out (void)
{
  static const Case cases[] = {
    { "Hauptstr. 5", NULL, "Berlin", "Berlin", "10115", "DE", "DE", "Hauptstr. 5\n10115 Berlin" },
    { "Marienplatz 1", NULL, "München", "Bayern", "80331", "DE", "DE",
      "Marienplatz 1\n80331 München" },
    { "1 rue de Rivoli", NULL, "Paris", "Île-de-France", "75001", "FR", "FR",
      "1 rue de Rivoli\n75001 Paris" },
    { "Stephansplatz 1", NULL, "Wien", "Wien", "1010", "AT", "AT", "Stephansplatz 1\n1010 Wien" },
    { "Bundesplatz 3", NULL, "Bern", "BE", "3003", "CH", "CH", "Bundesplatz 3\n3003 Bern" },
    { "Dam 1", NULL, "Amsterdam", "Noord-Holland", "1012 JS", "NL", "NL",
      "Dam 1\n1012 JS Amsterdam" },
    { "Drottninggatan 1", NULL, "Stockholm", "Stockholms län", "111 51", "SE", "SE",
      "Drottninggatan 1\n111 51 Stockholm" },
    { "ul. Marszałkowska 1", NULL, "Warszawa", "mazowieckie", "00-950", "PL", "PL",
      "ul. Marszałkowska 1\n00-950 Warszawa" },
    /* Royal Mail needs no county. */
    { "10 Downing St", "", "London", "Greater London", "SW1A 2AA", "GB", "GB",
      "10 Downing St\nLondon\nSW1A 2AA" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* Never the same text twice: a region equal to the city, in any case, is printed once. */
static void
test_region_equal_to_city (void)
{
  static const Case cases[] = {
    { "Calle de Alcalá 1", NULL, "Madrid", "Madrid", "28014", "ES", "ES",
      "Calle de Alcalá 1\n28014 Madrid" },
    { "Via Roma 1", NULL, "Roma", "ROMA", "00184", "IT", "IT", "Via Roma 1\n00184 Roma" },
    { "1 Main St", NULL, "New York", "New York", "10001", "US", "US",
      "1 Main St\nNew York, 10001" },
    { "Jalan 1", NULL, "Kuala Lumpur", "kuala lumpur", "50000", "MY", "MY",
      "Jalan 1\n50000 Kuala Lumpur" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* Abroad, the last line is the country's name in capitals (UPU S42), never its code. */
static void
test_cross_border (void)
{
  static const Case cases[] = {
    { "Hauptstr. 5", NULL, "Berlin", NULL, "10115", "DE", "GB",
      "Hauptstr. 5\n10115 Berlin\nGERMANY" },
    { "10 Downing St", "", "London", "", "SW1A 2AA", "GB", "DE",
      "10 Downing St\nLondon\nSW1A 2AA\nUNITED KINGDOM" },
    { "1 Main St", NULL, "Springfield", "IL", "62704", "us", "CA",
      "1 Main St\nSpringfield, IL 62704\nUNITED STATES" },
    { "Rue 1", NULL, "Abidjan", NULL, NULL, "CI", "FR", "Rue 1\nAbidjan\nCÔTE D'IVOIRE" },
    { "1-1 Chiyoda", NULL, "Chiyoda-ku", "Tokyo", "100-8994", "JP", "US",
      "1-1 Chiyoda\nChiyoda-ku, Tokyo 100-8994\nJAPAN" },
    /* Same country, in another case: no country line. */
    { "Rue 1", NULL, "Paris", NULL, "75001", "fr", "FR", "Rue 1\n75001 Paris" },
    /* No sender country: we can't tell, so no country line (as before). */
    { "Rue 1", "", "Paris", "", "", "FR", "", "Rue 1\nParis" },
    /* A code we don't know is printed as given, in capitals, rather than dropped. */
    { "Street 1", NULL, "Town", NULL, NULL, "xk", "DE", "Street 1\nTown\nXK" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
  g_assert_cmpstr (ar_country_get_name ("DE"), ==, "Germany");
  g_assert_cmpstr (ar_country_get_name ("gb"), ==, "United Kingdom");
  g_assert_cmpstr (ar_country_get_name ("KR"), ==, "South Korea");
  g_assert_cmpstr (ar_country_get_name ("AD"), ==, "Andorra");
  g_assert_cmpstr (ar_country_get_name ("ZW"), ==, "Zimbabwe");
  g_assert_null (ar_country_get_name ("XX"));
  g_assert_null (ar_country_get_name ("DEU"));
  g_assert_null (ar_country_get_name (NULL));
}

/* Empty and blank parts leave no empty line, no stray separator. */
static void
test_empty_fields (void)
{
  static const Case cases[] = {
    { "", "", "", "", "", "", "", "" },
    { NULL, NULL, NULL, NULL, NULL, NULL, NULL, "" },
    { " ", "  ", "\t", " ", " ", "", "", "" },
    { "1 Main St", NULL, "Springfield", "", "62704", "US", "US", "1 Main St\nSpringfield, 62704" },
    { "1 Main St", NULL, "", "IL", "62704", "US", "US", "1 Main St\nIL 62704" },
    { "1 Main St", NULL, "Springfield", "IL", "", "US", "US", "1 Main St\nSpringfield, IL" },
    { "Av. Paulista 1000", NULL, "São Paulo", "", "01310-100", "BR", "BR",
      "Av. Paulista 1000\nSão Paulo\n01310-100" },
    { "Via Roma 1", NULL, "", "RM", "00184", "IT", "IT", "Via Roma 1\n00184 RM" },
    { "", "Apt 2", "Berlin", NULL, "", "DE", "DE", "Apt 2\nBerlin" },
    { "  Hauptstr. 5 ", NULL, " Berlin", NULL, "10115 ", "DE", "DE", "Hauptstr. 5\n10115 Berlin" },
    { "", "", "", "", "", "DE", "FR", "GERMANY" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/address/region-printed", test_region_printed);
  g_test_add_func ("/address/region-left-out", test_region_left_out);
  g_test_add_func ("/address/region-equal-to-city", test_region_equal_to_city);
  g_test_add_func ("/address/cross-border", test_cross_border);
  g_test_add_func ("/address/empty-fields", test_empty_fields);

  return g_test_run ();
}
