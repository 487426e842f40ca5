/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-entry-row"
#include "config.h"

#include <glib/gi18n.h>

#include "ar-date.h"
#include "ar-entry-row.h"
#include "ar-labels.h"
#include "ar-money.h"

struct _ArEntryRow
{
  GObject  parent_instance;
  char    *date;
  char    *description;
  char    *reference;
  char    *amount;
  char    *balance;
  char    *allocations;
  gint64   id;
  gboolean reversible;
};

G_DEFINE_FINAL_TYPE (ArEntryRow, ar_entry_row, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DATE,
  PROP_DESCRIPTION,
  PROP_REFERENCE,
  PROP_AMOUNT,
  PROP_BALANCE,
  PROP_ALLOCATIONS,
  PROP_ENTRY_ID,
  PROP_REVERSIBLE,
  PROP_REVERSE_TARGET,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static char *
format_money (gint64      minor,
              const char *currency)
{
  if (!ar_currency_is_valid (currency))
    return g_strdup ("");
  return ar_money_format (minor, currency);
}

/* "Invoice INV-1001", "Payment", "Reversal of payment #12". */
static char *
describe_entry (const ArDebtorLedger *ledger,
                const ArDebtorEntry  *entry)
{
  const char *kind = ar_label_entry_kind (entry->kind);

  if (entry->kind == AR_ENTRY_REVERSAL && entry->reverses_id != 0)
    {
      const ArDebtorEntry *reversed = ar_debtor_ledger_find_entry (ledger, entry->reverses_id);

      if (reversed != NULL && reversed->invoice_number != NULL)
        /* Translators: "Reversal of Payment (INV-1001)" */
        return g_strdup_printf (_("Reversal of %s (%s)"), ar_label_entry_kind (reversed->kind),
                                reversed->invoice_number);
      if (reversed != NULL)
        return g_strdup_printf (_("Reversal of %s"), ar_label_entry_kind (reversed->kind));
    }
  /* An invoice's number is its reference (the next column). */
  if (entry->invoice_number != NULL && entry->kind != AR_ENTRY_INVOICE)
    /* Translators: an entry kind and the invoice it names: "Payment · INV-1001" */
    return g_strdup_printf (_("%s · %s"), kind, entry->invoice_number);
  return g_strdup (kind);
}

/* What an entry paid, or was paid by: "Paid by Payment of 2026-03-01: $50.00". */
static char *
describe_allocations (const ArDebtorLedger *ledger,
                      const ArDebtorEntry  *entry)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (entry->allocations == NULL)
    return g_strdup ("");

  for (guint i = 0; i < entry->allocations->len; i++)
    {
      const ArEntryAllocation *a = &g_array_index (entry->allocations, ArEntryAllocation, i);
      const ArDebtorEntry *other = ar_debtor_ledger_find_entry (ledger, a->other_id);
      g_autofree char *amount = format_money (a->amount, entry->currency);
      g_autofree char *name = NULL;

      if (other != NULL && other->invoice_number != NULL && other->kind == AR_ENTRY_INVOICE)
        name = g_strdup (other->invoice_number);
      else if (other != NULL)
        {
          char date[11];

          /* Translators: an entry named by its kind and date: "Payment of 2026-03-01" */
          name = g_strdup_printf (_("%s of %s"), ar_label_entry_kind (other->kind),
                                  ar_date_format_julian (other->date, date));
        }
      else
        name = g_strdup_printf ("#%" G_GINT64_FORMAT, a->other_id);

      if (text->len > 0)
        g_string_append (text, "; ");
      if (a->paid_by)
        /* Translators: an allocation: "Paid by Payment of 2026-03-01: $50.00" */
        g_string_append_printf (text, _("Paid by %s: %s"), name, amount);
      else
        /* Translators: an allocation: "Paid INV-1001: $50.00" */
        g_string_append_printf (text, _("Paid %s: %s"), name, amount);
    }
  return g_strdup (text->str);
}

static void
ar_entry_row_finalize (GObject *object)
{
  ArEntryRow *self = (ArEntryRow *) object;

  g_free (self->date);
  g_free (self->description);
  g_free (self->reference);
  g_free (self->amount);
  g_free (self->balance);
  g_free (self->allocations);
  G_OBJECT_CLASS (ar_entry_row_parent_class)->finalize (object);
}

static void
ar_entry_row_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ArEntryRow *self = AR_ENTRY_ROW (object);

  switch (prop_id)
    {
    case PROP_DATE:        g_value_set_string (value, self->date); break;
    case PROP_DESCRIPTION: g_value_set_string (value, self->description); break;
    case PROP_REFERENCE:   g_value_set_string (value, self->reference); break;
    case PROP_AMOUNT:      g_value_set_string (value, self->amount); break;
    case PROP_BALANCE:     g_value_set_string (value, self->balance); break;
    case PROP_ALLOCATIONS: g_value_set_string (value, self->allocations); break;
    case PROP_ENTRY_ID:    g_value_set_int64 (value, self->id); break;
    case PROP_REVERSIBLE:  g_value_set_boolean (value, self->reversible); break;
    /* The target of the row's "debtor.reverse-entry" button. */
    case PROP_REVERSE_TARGET: g_value_set_variant (value, g_variant_new_int64 (self->id)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, "", G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
ar_entry_row_class_init (ArEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ar_entry_row_finalize;
  object_class->get_property = ar_entry_row_get_property;

  properties[PROP_DATE] = string_property ("date");
  properties[PROP_DESCRIPTION] = string_property ("description");
  properties[PROP_REFERENCE] = string_property ("reference");
  properties[PROP_AMOUNT] = string_property ("amount");
  properties[PROP_BALANCE] = string_property ("balance");
  properties[PROP_ALLOCATIONS] = string_property ("allocations");
  properties[PROP_ENTRY_ID] =
    g_param_spec_int64 ("entry-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVERSIBLE] =
    g_param_spec_boolean ("reversible", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_REVERSE_TARGET] =
    g_param_spec_variant ("reverse-target", NULL, NULL, G_VARIANT_TYPE_INT64, NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ar_entry_row_init (ArEntryRow *self)
{
}

ArEntryRow *
ar_entry_row_new (const ArDebtorLedger *ledger,
                  const ArDebtorEntry  *entry)
{
  ArEntryRow *self;
  char date[11];
  const char *reference;

  g_return_val_if_fail (ledger != NULL, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (AR_TYPE_ENTRY_ROW, NULL);
  self->date = g_strdup (ar_date_format_julian (entry->date, date));
  self->description = describe_entry (ledger, entry);
  reference = entry->reference != NULL && entry->reference[0] != '\0' ? entry->reference
                                                                       : entry->memo;
  if ((reference == NULL || reference[0] == '\0') && entry->kind == AR_ENTRY_INVOICE)
    reference = entry->invoice_number;
  self->reference = g_strdup (reference != NULL ? reference : "");
  self->amount = format_money (entry->amount, entry->currency);
  self->balance = format_money (entry->running_balance, entry->currency);
  self->allocations = describe_allocations (ledger, entry);
  self->id = entry->id;
  /* The core's rule: an entry is reversed once, and a reversal is never reversed. */
  self->reversible = entry->kind != AR_ENTRY_REVERSAL && entry->reversed_by_id == 0;
  if (entry->reversed_by_id != 0)
    {
      char *marked = g_strdup_printf (_("%s (reversed)"), self->description);

      g_free (self->description);
      self->description = marked;
    }
  return self;
}

const char *
ar_entry_row_get_date (ArEntryRow *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_ROW (self), NULL);
  return self->date;
}

const char *
ar_entry_row_get_description (ArEntryRow *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_ROW (self), NULL);
  return self->description;
}

const char *
ar_entry_row_get_reference (ArEntryRow *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_ROW (self), NULL);
  return self->reference;
}

const char *
ar_entry_row_get_amount (ArEntryRow *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_ROW (self), NULL);
  return self->amount;
}

const char *
ar_entry_row_get_balance (ArEntryRow *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_ROW (self), NULL);
  return self->balance;
}

const char *
ar_entry_row_get_allocations (ArEntryRow *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_ROW (self), NULL);
  return self->allocations;
}

gint64
ar_entry_row_get_entry_id (ArEntryRow *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_ROW (self), 0);
  return self->id;
}

gboolean
ar_entry_row_get_reversible (ArEntryRow *self)
{
  g_return_val_if_fail (AR_IS_ENTRY_ROW (self), FALSE);
  return self->reversible;
}
