/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-country"
#include "config.h"

#include <string.h>

#include "ar-country.h"

/* The 249 officially assigned ISO 3166-1 alpha-2 codes, sorted, two letters each. */
static const char codes[] =
  "ADAEAFAGAIALAMAOAQARASATAUAWAXAZBABBBDBEBFBGBHBIBJBLBMBNBOBQBRBSBTBVBWBYBZCACCCDCFCGCHCI"
  "CKCLCMCNCOCRCUCVCWCXCYCZDEDJDKDMDODZECEEEGEHERESETFIFJFKFMFOFRGAGBGDGEGFGGGHGIGLGMGNGPGQ"
  "GRGSGTGUGWGYHKHMHNHRHTHUIDIEILIMINIOIQIRISITJEJMJOJPKEKGKHKIKMKNKPKRKWKYKZLALBLCLILKLRLS"
  "LTLULVLYMAMCMDMEMFMGMHMKMLMMMNMOMPMQMRMSMTMUMVMWMXMYMZNANCNENFNGNINLNONPNRNUNZOMPAPEPFPG"
  "PHPKPLPMPNPRPSPTPWPYQARERORSRURWSASBSCSDSESGSHSISJSKSLSMSNSOSRSSSTSVSXSYSZTCTDTFTGTHTJTK"
  "TLTMTNTOTRTTTVTWTZUAUGUMUSUYUZVAVCVEVGVIVNVUWFWSYEYTZAZMZW";

gboolean
ar_country_is_valid (const char *code)
{
  gsize lo = 0, hi = (sizeof codes - 1) / 2;

  if (code == NULL || strlen (code) != 2)
    return FALSE;
  while (lo < hi)
    {
      gsize mid = (lo + hi) / 2;
      int c = strncmp (codes + 2 * mid, code, 2);

      if (c == 0)
        return TRUE;
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}
