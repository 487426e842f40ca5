/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-money"
#include "config.h"

#include <string.h>

#include "ar-money.h"

typedef struct
{
  char        code[4];
  gint8       exponent;
  const char *symbol;   /* NULL: show the code */
} ArCurrency;

/* ISO 4217 List One: every active alphabetic code whose minor unit is defined, sorted by code
 * (lookups are a binary search, and test-money checks the order). Based on the list published
 * 2024-06-25 plus the later amendments: XCG (Caribbean guilder) replaced ANG on 2025-03-31 and
 * BGN was withdrawn when Bulgaria adopted the euro on 2026-01-01; HRK, SLL, ZWL, VEF, MRO and
 * STD are gone. Fund codes with a defined minor unit are included (BOV, CHE, CHW, CLF, COU,
 * MXV, USN, UYI, UYW). Units whose minor unit is "N.A." (XAU, XAG, XPD, XPT, XBA..XBD, XDR,
 * XSU, XUA, XTS, XXX) are not currencies we can hold amounts in, so they are left out.
 *
 * Symbols are given only where they are short and unambiguous enough to print in a ledger;
 * everything else displays its code. */
static const ArCurrency currencies[] = {
  { "AED", 2, NULL },
  { "AFN", 2, NULL },
  { "ALL", 2, NULL },
  { "AMD", 2, NULL },
  { "AOA", 2, NULL },
  { "ARS", 2, NULL },
  { "AUD", 2, "A$" },
  { "AWG", 2, NULL },
  { "AZN", 2, NULL },
  { "BAM", 2, NULL },
  { "BBD", 2, NULL },
  { "BDT", 2, NULL },
  { "BHD", 3, NULL },
  { "BIF", 0, NULL },
  { "BMD", 2, NULL },
  { "BND", 2, NULL },
  { "BOB", 2, NULL },
  { "BOV", 2, NULL },
  { "BRL", 2, "R$" },
  { "BSD", 2, NULL },
  { "BTN", 2, NULL },
  { "BWP", 2, NULL },
  { "BYN", 2, NULL },
  { "BZD", 2, NULL },
  { "CAD", 2, "CA$" },
  { "CDF", 2, NULL },
  { "CHE", 2, NULL },
  { "CHF", 2, "CHF" },
  { "CHW", 2, NULL },
  { "CLF", 4, NULL },
  { "CLP", 0, NULL },
  { "CNY", 2, "¥" },
  { "COP", 2, NULL },
  { "COU", 2, NULL },
  { "CRC", 2, "₡" },
  { "CUC", 2, NULL },
  { "CUP", 2, NULL },
  { "CVE", 2, NULL },
  { "CZK", 2, NULL },
  { "DJF", 0, NULL },
  { "DKK", 2, NULL },
  { "DOP", 2, NULL },
  { "DZD", 2, NULL },
  { "EGP", 2, NULL },
  { "ERN", 2, NULL },
  { "ETB", 2, NULL },
  { "EUR", 2, "€" },
  { "FJD", 2, NULL },
  { "FKP", 2, NULL },
  { "GBP", 2, "£" },
  { "GEL", 2, NULL },
  { "GHS", 2, NULL },
  { "GIP", 2, NULL },
  { "GMD", 2, NULL },
  { "GNF", 0, NULL },
  { "GTQ", 2, NULL },
  { "GYD", 2, NULL },
  { "HKD", 2, "HK$" },
  { "HNL", 2, NULL },
  { "HTG", 2, NULL },
  { "HUF", 2, NULL },
  { "IDR", 2, NULL },
  { "ILS", 2, "₪" },
  { "INR", 2, "₹" },
  { "IQD", 3, NULL },
  { "IRR", 2, NULL },
  { "ISK", 0, NULL },
  { "JMD", 2, NULL },
  { "JOD", 3, NULL },
  { "JPY", 0, "¥" },
  { "KES", 2, NULL },
  { "KGS", 2, NULL },
  { "KHR", 2, NULL },
  { "KMF", 0, NULL },
  { "KPW", 2, NULL },
  { "KRW", 0, "₩" },
  { "KWD", 3, NULL },
  { "KYD", 2, NULL },
  { "KZT", 2, "₸" },
  { "LAK", 2, NULL },
  { "LBP", 2, NULL },
  { "LKR", 2, NULL },
  { "LRD", 2, NULL },
  { "LSL", 2, NULL },
  { "LYD", 3, NULL },
  { "MAD", 2, NULL },
  { "MDL", 2, NULL },
  { "MGA", 2, NULL },
  { "MKD", 2, NULL },
  { "MMK", 2, NULL },
  { "MNT", 2, NULL },
  { "MOP", 2, NULL },
  { "MRU", 2, NULL },
  { "MUR", 2, NULL },
  { "MVR", 2, NULL },
  { "MWK", 2, NULL },
  { "MXN", 2, "MX$" },
  { "MXV", 2, NULL },
  { "MYR", 2, NULL },
  { "MZN", 2, NULL },
  { "NAD", 2, NULL },
  { "NGN", 2, "₦" },
  { "NIO", 2, NULL },
  { "NOK", 2, NULL },
  { "NPR", 2, NULL },
  { "NZD", 2, "NZ$" },
  { "OMR", 3, NULL },
  { "PAB", 2, NULL },
  { "PEN", 2, NULL },
  { "PGK", 2, NULL },
  { "PHP", 2, "₱" },
  { "PKR", 2, NULL },
  { "PLN", 2, "zł" },
  { "PYG", 0, "₲" },
  { "QAR", 2, NULL },
  { "RON", 2, NULL },
  { "RSD", 2, NULL },
  { "RUB", 2, "₽" },
  { "RWF", 0, NULL },
  { "SAR", 2, NULL },
  { "SBD", 2, NULL },
  { "SCR", 2, NULL },
  { "SDG", 2, NULL },
  { "SEK", 2, NULL },
  { "SGD", 2, NULL },
  { "SHP", 2, NULL },
  { "SLE", 2, NULL },
  { "SOS", 2, NULL },
  { "SRD", 2, NULL },
  { "SSP", 2, NULL },
  { "STN", 2, NULL },
  { "SVC", 2, NULL },
  { "SYP", 2, NULL },
  { "SZL", 2, NULL },
  { "THB", 2, "฿" },
  { "TJS", 2, NULL },
  { "TMT", 2, NULL },
  { "TND", 3, NULL },
  { "TOP", 2, NULL },
  { "TRY", 2, "₺" },
  { "TTD", 2, NULL },
  { "TWD", 2, "NT$" },
  { "TZS", 2, NULL },
  { "UAH", 2, "₴" },
  { "UGX", 0, NULL },
  { "USD", 2, "$" },
  { "USN", 2, NULL },
  { "UYI", 0, NULL },
  { "UYU", 2, NULL },
  { "UYW", 4, NULL },
  { "UZS", 2, NULL },
  { "VED", 2, NULL },
  { "VES", 2, NULL },
  { "VND", 0, "₫" },
  { "VUV", 0, NULL },
  { "WST", 2, NULL },
  { "XAF", 0, "FCFA" },
  { "XCD", 2, "EC$" },
  { "XCG", 2, NULL },
  { "XOF", 0, NULL },
  { "XPF", 0, "CFPF" },
  { "YER", 2, NULL },
  { "ZAR", 2, NULL },
  { "ZMW", 2, NULL },
  { "ZWG", 2, NULL },
};

static const ArCurrency *
lookup (const char *code)
{
  gsize lo = 0;
  gsize hi = G_N_ELEMENTS (currencies);

  /* Exactly three characters; strncmp below then never reads past the NUL. */
  if (code == NULL || code[0] == '\0' || code[1] == '\0' || code[2] == '\0' || code[3] != '\0')
    return NULL;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;
      int cmp = strcmp (code, currencies[mid].code);

      if (cmp == 0)
        return &currencies[mid];
      if (cmp < 0)
        hi = mid;
      else
        lo = mid + 1;
    }

  return NULL;
}

int
ar_currency_exponent (const char *code)
{
  const ArCurrency *c = lookup (code);

  return c != NULL ? c->exponent : -1;
}

gboolean
ar_currency_is_valid (const char *code)
{
  return lookup (code) != NULL;
}

const char *
ar_currency_symbol (const char *code)
{
  const ArCurrency *c;

  g_return_val_if_fail (code != NULL, NULL);

  c = lookup (code);
  if (c == NULL)
    return code;

  return c->symbol != NULL ? c->symbol : c->code;
}

guint
ar_currency_get_n_codes (void)
{
  return G_N_ELEMENTS (currencies);
}

const char *
ar_currency_get_code (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (currencies), NULL);

  return currencies[index].code;
}
