/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-account"
#include "config.h"

#include "ar-account.h"
#include "ar-money.h"

struct _ArAccount
{
  GObject         parent_instance;

  gint64          debtor_id;
  char           *external_id;
  char           *name;
  char           *currency;
  gint64          balance;
  char           *balance_text;
  int             days_overdue;
  int             bucket;
  char           *bucket_label;
  ArDebtorStatus  status;
  char           *last_contact;
  char           *next_action;
};

G_DEFINE_FINAL_TYPE (ArAccount, ar_account, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_DEBTOR_ID,
  PROP_EXTERNAL_ID,
  PROP_NAME,
  PROP_CURRENCY,
  PROP_BALANCE,
  PROP_BALANCE_TEXT,
  PROP_DAYS_OVERDUE,
  PROP_BUCKET,
  PROP_BUCKET_LABEL,
  PROP_STATUS,
  PROP_STATUS_NAME,
  PROP_LAST_CONTACT,
  PROP_NEXT_ACTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
ar_account_finalize (GObject *object)
{
  ArAccount *self = (ArAccount *) object;

  g_free (self->external_id);
  g_free (self->name);
  g_free (self->currency);
  g_free (self->balance_text);
  g_free (self->bucket_label);
  g_free (self->last_contact);
  g_free (self->next_action);

  G_OBJECT_CLASS (ar_account_parent_class)->finalize (object);
}

static void
ar_account_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ArAccount *self = AR_ACCOUNT (object);

  switch (prop_id)
    {
    case PROP_DEBTOR_ID:
      g_value_set_int64 (value, self->debtor_id);
      break;
    case PROP_EXTERNAL_ID:
      g_value_set_string (value, self->external_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_CURRENCY:
      g_value_set_string (value, self->currency);
      break;
    case PROP_BALANCE:
      g_value_set_int64 (value, self->balance);
      break;
    case PROP_BALANCE_TEXT:
      g_value_set_string (value, self->balance_text);
      break;
    case PROP_DAYS_OVERDUE:
      g_value_set_int (value, self->days_overdue);
      break;
    case PROP_BUCKET:
      g_value_set_int (value, self->bucket);
      break;
    case PROP_BUCKET_LABEL:
      g_value_set_string (value, self->bucket_label);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_STATUS_NAME:
      g_value_set_string (value, ar_account_get_status_name (self));
      break;
    case PROP_LAST_CONTACT:
      g_value_set_string (value, self->last_contact);
      break;
    case PROP_NEXT_ACTION:
      g_value_set_string (value, self->next_action);
      break;
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
ar_account_class_init (ArAccountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = ar_account_finalize;
  object_class->get_property = ar_account_get_property;

  properties[PROP_DEBTOR_ID] =
    g_param_spec_int64 ("debtor-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_EXTERNAL_ID] = string_property ("external-id");
  properties[PROP_NAME] = string_property ("name");
  properties[PROP_CURRENCY] = string_property ("currency");
  properties[PROP_BALANCE] =
    g_param_spec_int64 ("balance", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  properties[PROP_BALANCE_TEXT] = string_property ("balance-text");
  properties[PROP_DAYS_OVERDUE] =
    g_param_spec_int ("days-overdue", NULL, NULL, G_MININT, G_MAXINT, 0, flags);
  properties[PROP_BUCKET] =
    g_param_spec_int ("bucket", NULL, NULL, AR_ACCOUNT_NO_BUCKET, G_MAXINT,
                      AR_ACCOUNT_NO_BUCKET, flags);
  properties[PROP_BUCKET_LABEL] = string_property ("bucket-label");
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, AR_N_STATUSES - 1, AR_STATUS_ACTIVE, flags);
  properties[PROP_STATUS_NAME] = string_property ("status-name");
  properties[PROP_LAST_CONTACT] = string_property ("last-contact");
  properties[PROP_NEXT_ACTION] = string_property ("next-action");
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ar_account_init (ArAccount *self)
{
  self->bucket = AR_ACCOUNT_NO_BUCKET;
}

/**
 * ar_account_new:
 * @info: the row's values; its strings are copied
 *
 * Returns: (transfer full): a new account row
 */
ArAccount *
ar_account_new (const ArAccountInfo *info)
{
  ArAccount *self;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail ((guint) info->status < AR_N_STATUSES, NULL);

  self = g_object_new (AR_TYPE_ACCOUNT, NULL);
  self->debtor_id = info->debtor_id;
  self->external_id = g_strdup (info->external_id ? info->external_id : "");
  self->name = g_strdup (info->name ? info->name : "");
  self->currency = g_strdup (info->currency ? info->currency : "");
  self->balance = info->balance;
  /* Formatted once here: a list cell reads it on every bind. */
  if (self->currency[0] != '\0' && ar_currency_is_valid (self->currency))
    self->balance_text = ar_money_format (self->balance, self->currency);
  else
    self->balance_text = g_strdup ("");
  self->days_overdue = info->days_overdue;
  self->bucket = info->bucket < 0 ? AR_ACCOUNT_NO_BUCKET : info->bucket;
  self->bucket_label = g_strdup (info->bucket_label ? info->bucket_label : "");
  self->status = info->status;
  self->last_contact = g_strdup (info->last_contact ? info->last_contact : "");
  self->next_action = g_strdup (info->next_action ? info->next_action : "");
  return self;
}

gint64
ar_account_get_debtor_id (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), 0);
  return self->debtor_id;
}

const char *
ar_account_get_external_id (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), NULL);
  return self->external_id;
}

const char *
ar_account_get_name (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), NULL);
  return self->name;
}

const char *
ar_account_get_currency (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), NULL);
  return self->currency;
}

gint64
ar_account_get_balance (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), 0);
  return self->balance;
}

const char *
ar_account_get_balance_text (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), NULL);
  return self->balance_text;
}

int
ar_account_get_days_overdue (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), 0);
  return self->days_overdue;
}

int
ar_account_get_bucket (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), AR_ACCOUNT_NO_BUCKET);
  return self->bucket;
}

const char *
ar_account_get_bucket_label (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), NULL);
  return self->bucket_label;
}

ArDebtorStatus
ar_account_get_status (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), AR_STATUS_ACTIVE);
  return self->status;
}

const char *
ar_account_get_status_name (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), NULL);
  return ar_debtor_status_to_string (self->status);
}

const char *
ar_account_get_last_contact (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), NULL);
  return self->last_contact;
}

const char *
ar_account_get_next_action (ArAccount *self)
{
  g_return_val_if_fail (AR_IS_ACCOUNT (self), NULL);
  return self->next_action;
}
