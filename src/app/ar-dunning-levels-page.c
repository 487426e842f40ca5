/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-dunning-levels-page"
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ar-dunning.h"
#include "ar-dunning-levels-page.h"
#include "ar-interest-choice.h"
#include "ar-money.h"
#include "ar-rates-warning.h"

/* The page's rows are made in C: there is one expander per stored level, so a template would
 * hold only the group. */

enum { F_DAYS, F_MIN_DAYS, F_FEE, F_TEMPLATE, F_DEADLINE, N_F };

static const struct
{
  const char *name;     /* ArDunningLevel's field */
  const char *title;
} fields[N_F] = {
  [F_DAYS]     = { "days_past_due", N_("Days past due") },
  [F_MIN_DAYS] = { "min_days_since_previous", N_("Days at least since the previous level") },
  [F_FEE]      = { "fee", N_("Fee: none, a percentage (2.5%) or an amount and currency (5.00 EUR)") },
  [F_TEMPLATE] = { "template_level", N_("Letter template (its level)") },
  [F_DEADLINE] = { "deadline_days", N_("Payment deadline, days after the letter") },
};

typedef struct
{
  ArDunningLevelsPage *page;
  guint                level;
  AdwExpanderRow      *expander;
  AdwEntryRow         *rows[N_F];
  GtkSwitch           *interest;
  GtkLabel            *problem;
  GtkButton           *save;
  char                *problem_text;
} LevelRows;

struct _ArDunningLevelsPage
{
  AdwPreferencesPage    parent_instance;

  AdwPreferencesGroup  *group;
  ArRatesWarning       *rates_warning;
  ArLedger             *ledger;
  GArray               *levels;     /* ArDunningLevel, as stored */
  GPtrArray            *rows;       /* LevelRows, one per level */
  gboolean              loading;

  /* Under the levels: add a level after the last, remove the last (after asking). */
  GtkButton            *add;
  GtkButton            *remove;
  GtkLabel             *sequence_hint;
  GtkLabel             *sequence_problem;
  char                 *sequence_problem_text;
  AdwMessageDialog     *confirmation;

  /* The book's interest calculator: a group of its own under the levels. */
  AdwComboRow          *regime_row;
  AdwEntryRow          *apr_row;
  GtkLabel             *interest_problem;
  GtkButton            *interest_save;
  char                 *interest_problem_text;
  char                 *stored_regime;
  gint64                stored_apr_bp;
};

G_DEFINE_FINAL_TYPE (ArDunningLevelsPage, ar_dunning_levels_page, ADW_TYPE_PREFERENCES_PAGE)

static void
level_rows_free (LevelRows *rows)
{
  g_free (rows->problem_text);
  g_free (rows);
}

static gboolean
parse_count (const char *title,
             const char *text,
             guint      *out,
             GError    **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;
  guint64 value;

  if (copy[0] == '\0' || !g_ascii_isdigit (copy[0]) ||
      (value = g_ascii_strtoull (copy, &end, 10), *end != '\0') || value > 3650)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s: enter a whole number of days from 0 to 3650"), _(title));
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

/* "none", "", "2.5%", "5.00 EUR". */
static gboolean
parse_fee (const char      *text,
           ArDunningLevel  *level,
           GError         **error)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  g_autoptr(GError) local = NULL;
  gsize len = strlen (copy);

  level->fee_kind = AR_DUNNING_FEE_NONE;
  level->fee_amount = 0;
  level->fee_rate_bp = 0;
  level->fee_currency[0] = '\0';
  if (len == 0 || g_ascii_strcasecmp (copy, "none") == 0 || g_strcmp0 (copy, _("none")) == 0)
    return TRUE;
  if (copy[len - 1] == '%')
    {
      copy[len - 1] = '\0';
      g_strstrip (copy);
      if (!ar_money_parse_minor (copy, 2, &level->fee_rate_bp, &local))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Fee: “%s%%” is not a percentage with up to two decimals"), copy);
          return FALSE;
        }
      level->fee_kind = AR_DUNNING_FEE_PERCENT;
      return TRUE;
    }
  {
    g_auto(GStrv) parts = g_strsplit (copy, " ", -1);
    ArMoney money;

    if (g_strv_length (parts) != 2 || !ar_money_parse (parts[0], parts[1], &money, &local))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("Fee: write none, a percentage such as 2.5%%, or an amount and its "
                       "currency such as 5.00 EUR%s%s"),
                     local != NULL ? " — " : "", local != NULL ? local->message : "");
        return FALSE;
      }
    level->fee_kind = AR_DUNNING_FEE_FIXED;
    level->fee_amount = money.minor;
    g_strlcpy (level->fee_currency, money.currency, sizeof level->fee_currency);
  }
  return TRUE;
}

static char *
fee_text (const ArDunningLevel *level)
{
  switch (level->fee_kind)
    {
    case AR_DUNNING_FEE_FIXED:
      {
        g_autofree char *amount = ar_money_format_plain (level->fee_amount, level->fee_currency);
        return g_strdup_printf ("%s %s", amount, level->fee_currency);
      }
    case AR_DUNNING_FEE_PERCENT:
      {
        g_autofree char *rate = ar_money_format_minor (level->fee_rate_bp, 2);
        return g_strdup_printf ("%s%%", rate);
      }
    case AR_DUNNING_FEE_NONE:
    default:
      return g_strdup (_("none"));
    }
}

static char *
summary (const ArDunningLevel *level)
{
  g_autofree char *amount = fee_text (level);
  g_autofree char *fee = level->fee_kind == AR_DUNNING_FEE_NONE
                         ? g_strdup (_("no fee"))
                         : g_strdup_printf (_("fee %s"), amount);

  if (level->hand_over)
    return g_strdup_printf (_("%u days past due: hand over to the agency, no letter"),
                            level->days_past_due);
  return g_strdup_printf (_("%u days past due · %s · %s · pay within %u days"),
                          level->days_past_due, fee,
                          level->charges_interest ? _("interest") : _("no interest"),
                          level->deadline_days);
}

/* The level as the rows say, or FALSE with the first field that does not parse. */
static gboolean
read_rows (LevelRows      *rows,
           ArDunningLevel *out,
           guint          *out_field,
           GError        **error)
{
  ArDunningLevel level = g_array_index (rows->page->levels, ArDunningLevel, rows->level - 1);
  guint *counts[N_F] = {
    [F_DAYS] = &level.days_past_due,
    [F_MIN_DAYS] = &level.min_days_since_previous,
    [F_TEMPLATE] = &level.template_level,
    [F_DEADLINE] = &level.deadline_days,
  };

  for (guint f = 0; f < N_F; f++)
    {
      const char *text = gtk_editable_get_text (GTK_EDITABLE (rows->rows[f]));

      if (level.hand_over && (f == F_TEMPLATE || f == F_DEADLINE))
        continue;
      if (f == F_FEE ? !parse_fee (text, &level, error)
                     : !parse_count (fields[f].title, text, counts[f], error))
        {
          if (out_field != NULL)
            *out_field = f;
          return FALSE;
        }
    }
  level.charges_interest = gtk_switch_get_active (rows->interest);
  *out = level;
  return TRUE;
}

/* The core names level and field ("level 2: days_past_due: 3 must be more than level 1’s 7");
 * the row shows it as "Days past due: 3 must be …" and marks that field. A rule about the
 * sequence as a whole keeps the core's words. */
static char *
core_problem (const char *message,
              guint      *out_field)
{
  const char *rest = message;

  if (g_str_has_prefix (rest, "level "))
    {
      const char *colon = strchr (rest, ':');

      if (colon != NULL)
        rest = colon + 1;
      while (*rest == ' ')
        rest++;
    }
  for (guint f = 0; f < N_F; f++)
    {
      /* "fee" covers fee_amount, fee_rate_bp and fee_currency. */
      gsize len = strlen (fields[f].name);

      if (strncmp (rest, fields[f].name, len) == 0 && (rest[len] == ':' || rest[len] == '_'))
        {
          const char *text = strchr (rest, ':');

          text = text != NULL ? text + 1 : rest;
          while (*text == ' ')
            text++;
          *out_field = f;
          return g_strdup_printf ("%s: %s", _(fields[f].title), text);
        }
    }
  return g_strdup (message);
}

/* Checks @rows' level as typed against the whole sequence, through the core. */
static void
check (LevelRows *rows)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) candidate = NULL;
  g_autofree char *message = NULL;
  ArDunningLevel level;
  const ArDunningLevel *stored;
  gboolean changed = FALSE;
  guint field = N_F;

  if (rows->page->loading)
    return;
  stored = &g_array_index (rows->page->levels, ArDunningLevel, rows->level - 1);
  if (read_rows (rows, &level, &field, &error))
    {
      candidate = g_array_copy (rows->page->levels);
      g_array_index (candidate, ArDunningLevel, rows->level - 1) = level;
      if (!ar_dunning_levels_validate ((const ArDunningLevel *) (gpointer) candidate->data,
                                       candidate->len, &error))
        message = core_problem (error->message, &field);
      changed = memcmp (&level, stored, sizeof level) != 0;
    }
  if (error != NULL && message == NULL)
    message = g_strdup (error->message);
  g_free (rows->problem_text);
  rows->problem_text = g_steal_pointer (&message);
  gtk_label_set_text (rows->problem, rows->problem_text != NULL ? rows->problem_text : "");
  gtk_widget_set_visible (GTK_WIDGET (rows->problem), rows->problem_text != NULL);
  /* The field at fault is marked; the row's title says which level. */
  for (guint f = 0; f < N_F; f++)
    if (f == field)
      gtk_widget_add_css_class (GTK_WIDGET (rows->rows[f]), "error");
    else
      gtk_widget_remove_css_class (GTK_WIDGET (rows->rows[f]), "error");
  gtk_widget_set_sensitive (GTK_WIDGET (rows->save), error == NULL && changed);
}

static void
on_changed_cb (LevelRows *rows)
{
  check (rows);
}

static void
on_save_clicked_cb (GtkButton *button,
                    LevelRows *rows)
{
  g_autoptr(GError) error = NULL;

  if (!ar_dunning_levels_page_save (rows->page, rows->level, &error))
    {
      gtk_label_set_text (rows->problem, error->message);
      gtk_widget_set_visible (GTK_WIDGET (rows->problem), TRUE);
    }
}

static void load (ArDunningLevelsPage *self);
static void update_sequence_buttons (ArDunningLevelsPage *self);
static LevelRows *rows_of (ArDunningLevelsPage *self, guint level);

static LevelRows *
add_level (ArDunningLevelsPage  *self,
           const ArDunningLevel *level)
{
  LevelRows *rows = g_new0 (LevelRows, 1);
  g_autofree char *name = ar_dunning_level_get_name (level);
  g_autofree char *title = g_strdup_printf ("%u. %s", level->level, name);
  g_autofree char *sub = summary (level);
  g_autofree char *fee = fee_text (level);
  GtkWidget *interest_row = adw_action_row_new ();
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  rows->page = self;
  rows->level = level->level;
  rows->expander = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->expander), title);
  adw_expander_row_set_subtitle (rows->expander, sub);
  for (guint f = 0; f < N_F; f++)
    {
      g_autofree char *text = NULL;

      rows->rows[f] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (rows->rows[f]), _(fields[f].title));
      switch (f)
        {
        case F_DAYS: text = g_strdup_printf ("%u", level->days_past_due); break;
        case F_MIN_DAYS: text = g_strdup_printf ("%u", level->min_days_since_previous); break;
        case F_FEE: text = g_strdup (fee); break;
        case F_TEMPLATE: text = g_strdup_printf ("%u", level->template_level); break;
        case F_DEADLINE: text = g_strdup_printf ("%u", level->deadline_days); break;
        default: break;
        }
      gtk_editable_set_text (GTK_EDITABLE (rows->rows[f]), text);
      gtk_widget_set_visible (GTK_WIDGET (rows->rows[f]),
                              !level->hand_over || (f != F_TEMPLATE && f != F_DEADLINE));
      g_signal_connect_swapped (rows->rows[f], "changed", G_CALLBACK (on_changed_cb), rows);
      adw_expander_row_add_row (rows->expander, GTK_WIDGET (rows->rows[f]));
    }

  rows->interest = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (rows->interest, level->charges_interest);
  gtk_widget_set_valign (GTK_WIDGET (rows->interest), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (interest_row), _("Charges interest"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (interest_row), GTK_WIDGET (rows->interest));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (interest_row),
                                         GTK_WIDGET (rows->interest));
  gtk_accessible_update_property (GTK_ACCESSIBLE (rows->interest), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Charges interest"), -1);
  g_signal_connect_swapped (rows->interest, "notify::active", G_CALLBACK (on_changed_cb), rows);
  adw_expander_row_add_row (rows->expander, interest_row);

  rows->problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (rows->problem, TRUE);
  gtk_label_set_xalign (rows->problem, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (rows->problem), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (rows->problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (rows->problem), FALSE);
  rows->save = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save Level")));
  gtk_widget_set_sensitive (GTK_WIDGET (rows->save), FALSE);
  gtk_widget_set_halign (GTK_WIDGET (rows->save), GTK_ALIGN_END);
  g_signal_connect (rows->save, "clicked", G_CALLBACK (on_save_clicked_cb), rows);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (rows->problem));
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (rows->save));
  gtk_widget_set_margin_top (bottom, 6);
  gtk_widget_set_margin_bottom (bottom, 6);
  gtk_widget_set_margin_start (bottom, 12);
  gtk_widget_set_margin_end (bottom, 12);
  adw_expander_row_add_row (rows->expander, bottom);

  adw_preferences_group_add (self->group, GTK_WIDGET (rows->expander));
  return rows;
}

static void
load (ArDunningLevelsPage *self)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group,
                                  GTK_WIDGET (((LevelRows *) self->rows->pdata[i])->expander));
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->levels, g_array_unref);
  self->levels = ar_dunning_levels_load (self->ledger, &error);
  if (self->levels == NULL)
    {
      adw_preferences_group_set_description (self->group, error->message);
      self->levels = g_array_new (FALSE, TRUE, sizeof (ArDunningLevel));
      update_sequence_buttons (self);
      return;
    }
  self->loading = TRUE;
  for (guint i = 0; i < self->levels->len; i++)
    g_ptr_array_add (self->rows,
                     add_level (self, &g_array_index (self->levels, ArDunningLevel, i)));
  self->loading = FALSE;
  update_sequence_buttons (self);
}

/* Adding and removing levels ------------------------------------------------------------------ */

/* The core's refusal names its field ("level: letters were sent at level 3, so it stays"):
 * under the buttons the field says nothing, the sentence does. */
static void
show_sequence_problem (ArDunningLevelsPage *self,
                       const char          *message)
{
  g_free (self->sequence_problem_text);
  self->sequence_problem_text = NULL;
  if (message != NULL && g_str_has_prefix (message, "level: ") && message[7] != '\0')
    {
      g_autofree char *rest = g_strdup (message + 7);

      rest[0] = g_ascii_toupper (rest[0]);
      self->sequence_problem_text = g_strconcat (rest, ".", NULL);
    }
  else
    self->sequence_problem_text = g_strdup (message);
  message = self->sequence_problem_text;
  gtk_label_set_text (self->sequence_problem, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sequence_problem), message != NULL);
}

/* The level Add Level appends after the last one, or FALSE with why none can follow it.
 *
 * When the last level hands debtors over to the agency, nothing can follow it: the core allows
 * a hand-over only as the last level. An office manager who adds a level there most likely
 * wants one more letter before the agency; doing that would turn the hand-over level into a
 * letter and write a new hand-over after it — two levels rewritten, and debtors already
 * handed over at that number would then read as having had a letter. So the page does not
 * offer it and says why instead (the hint under the buttons); removing the hand-over level
 * first leaves a letter last, which can be followed (a hand-over is then added back with
 * arrears-cli levels --set N --hand-over: the page edits letters, not the hand-over flag). */
static gboolean
next_level (ArDunningLevelsPage *self,
            ArDunningLevel      *out,
            char               **out_why)
{
  const ArDunningLevel *last;
  ArDunningLevel next = { 0 };

  if (self->levels->len == 0)
    {
      *out_why = NULL;
      return FALSE;
    }
  last = &g_array_index (self->levels, ArDunningLevel, self->levels->len - 1);
  if (self->levels->len >= AR_DUNNING_MAX_LEVELS)
    {
      *out_why = g_strdup_printf (_("There can be at most %d levels."), AR_DUNNING_MAX_LEVELS);
      return FALSE;
    }
  if (last->hand_over)
    {
      *out_why = g_strdup_printf (_("Level %u hands debtors over to the agency and must stay the "
                                    "last level, so no level can follow it."), last->level);
      return FALSE;
    }
  /* Two weeks after the last letter, with its fee, interest and letter: the new level is now
   * the final demand, so it prints the last level's letter and gives at least 14 days. */
  next.level = last->level + 1;
  next.days_past_due = last->days_past_due + 14;
  next.min_days_since_previous = MAX (14, AR_DUNNING_MIN_DAYS_BETWEEN);
  next.fee_kind = last->fee_kind;
  next.fee_amount = last->fee_amount;
  next.fee_rate_bp = last->fee_rate_bp;
  memcpy (next.fee_currency, last->fee_currency, sizeof next.fee_currency);
  next.charges_interest = last->charges_interest;
  next.template_level = last->template_level;
  next.deadline_days = MAX (last->deadline_days, AR_DUNNING_MIN_FINAL_DEADLINE);
  next.hand_over = FALSE;
  if (next.days_past_due > 3650)
    {
      *out_why = g_strdup_printf (_("Level %u is already %u days past due; a level after it "
                                    "would be more than ten years."), last->level,
                                  last->days_past_due);
      return FALSE;
    }
  *out = next;
  *out_why = NULL;
  return TRUE;
}

static void
update_sequence_buttons (ArDunningLevelsPage *self)
{
  g_autofree char *why = NULL;
  g_autofree char *remove_name = NULL;
  ArDunningLevel next;
  gboolean can_add = next_level (self, &next, &why);

  gtk_widget_set_sensitive (GTK_WIDGET (self->add), can_add);
  gtk_label_set_text (self->sequence_hint, why != NULL ? why : "");
  gtk_widget_set_visible (GTK_WIDGET (self->sequence_hint), why != NULL);
  /* One level must remain; the core refuses any but the last, so only the last is offered. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->remove), self->levels->len > 1);
  if (self->levels->len > 0)
    {
      const ArDunningLevel *last = &g_array_index (self->levels, ArDunningLevel,
                                                   self->levels->len - 1);
      g_autofree char *name = ar_dunning_level_get_name (last);

      /* Translators: what "Remove Last Level…" removes, told to screen readers:
       * "Removes level 5, Hand-over" */
      remove_name = g_strdup_printf (_("Removes level %u, %s"), last->level, name);
    }
  /* The button's name stays its label; which level it is goes in the description. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->remove),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  remove_name != NULL ? remove_name : "", -1);
}

gboolean
ar_dunning_levels_page_add_level (ArDunningLevelsPage  *self,
                                  GError              **error)
{
  g_autofree char *why = NULL;
  ArDunningLevel next;
  guint number;

  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), FALSE);
  if (!next_level (self, &next, &why))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           why != NULL ? why : _("There is no level to follow."));
      return FALSE;
    }
  /* The same save as a level's Save button: one audited write (store-dunning-level). */
  if (!ar_dunning_level_store (self->ledger, &next, error))
    return FALSE;
  number = next.level;
  load (self);
  show_sequence_problem (self, NULL);
  /* Open the new level: its defaults are a proposal to look at. */
  adw_expander_row_set_expanded (rows_of (self, number)->expander, TRUE);
  return TRUE;
}

static void
on_add_clicked_cb (ArDunningLevelsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!ar_dunning_levels_page_add_level (self, &error))
    show_sequence_problem (self, error->message);
}

static gboolean
remove_last (ArDunningLevelsPage  *self,
             GError              **error)
{
  if (self->levels->len == 0)
    return FALSE;
  if (!ar_dunning_level_remove (self->ledger, self->levels->len, error))
    return FALSE;
  load (self);
  show_sequence_problem (self, NULL);
  return TRUE;
}

static void
on_confirmation_response_cb (ArDunningLevelsPage *self,
                             const char          *response)
{
  g_autoptr(GError) error = NULL;

  /* The dialog closes itself after answering: it is no longer the question asked. */
  g_clear_weak_pointer (&self->confirmation);
  if (!g_str_equal (response, "remove"))
    return;
  if (!remove_last (self, &error))
    show_sequence_problem (self, error->message);
}

void
ar_dunning_levels_page_ask_remove_last (ArDunningLevelsPage *self)
{
  const ArDunningLevel *last;
  g_autofree char *name = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root;
  AdwMessageDialog *dialog;

  g_return_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self));
  if (self->levels->len <= 1)
    return;
  last = &g_array_index (self->levels, ArDunningLevel, self->levels->len - 1);
  name = ar_dunning_level_get_name (last);
  /* Translators: "Remove Level 5?" */
  heading = g_strdup_printf (_("Remove Level %u?"), last->level);
  /* Translators: "Hand-over at 65 days past due will no longer be used. …" */
  body = g_strdup_printf (_("%s at %u days past due will no longer be used: items stop at level "
                            "%u. A level letters were already sent at can’t be removed."),
                          name, last->days_past_due, last->level - 1);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirmation_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_set_weak_pointer (&self->confirmation, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_sequence_group (ArDunningLevelsPage *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->add = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Add Level")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->add), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Adds a level after the last one"), -1);
  g_signal_connect_swapped (self->add, "clicked", G_CALLBACK (on_add_clicked_cb), self);
  self->remove = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Remove Last Level…")));
  g_signal_connect_swapped (self->remove, "clicked",
                            G_CALLBACK (ar_dunning_levels_page_ask_remove_last), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->add));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->remove));

  self->sequence_hint = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->sequence_hint, TRUE);
  gtk_label_set_xalign (self->sequence_hint, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->sequence_hint), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->sequence_hint), "caption");
  self->sequence_problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->sequence_problem, TRUE);
  gtk_label_set_xalign (self->sequence_problem, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->sequence_problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->sequence_problem), FALSE);

  gtk_box_append (GTK_BOX (box), buttons);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sequence_hint));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->sequence_problem));
  adw_preferences_group_add (group, box);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
}

/* The regime and APR as the rows say; FALSE with a message when the APR does not parse. */
static gboolean
read_interest (ArDunningLevelsPage  *self,
               const char          **out_regime,
               gint64               *out_apr_bp,
               GError              **error)
{
  *out_regime = ar_interest_choice_regime (adw_combo_row_get_selected (self->regime_row));
  *out_apr_bp = 0;
  if (!g_str_equal (*out_regime, "simple"))
    return TRUE;
  return ar_interest_choice_parse_apr (gtk_editable_get_text (GTK_EDITABLE (self->apr_row)),
                                       out_apr_bp, error);
}

static void
show_interest_problem (ArDunningLevelsPage *self,
                       const char          *message)
{
  g_free (self->interest_problem_text);
  self->interest_problem_text = g_strdup (message);
  gtk_label_set_text (self->interest_problem, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->interest_problem), message != NULL);
}

static void
check_interest (ArDunningLevelsPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *regime;
  gint64 apr_bp;
  gboolean simple, ok, changed;

  if (self->loading)
    return;
  simple = g_str_equal (ar_interest_choice_regime (adw_combo_row_get_selected (self->regime_row)),
                        "simple");
  gtk_widget_set_visible (GTK_WIDGET (self->apr_row), simple);
  ok = read_interest (self, &regime, &apr_bp, &error);
  show_interest_problem (self, ok ? NULL : error->message);
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->apr_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->apr_row), "error");
  changed = ok && (g_strcmp0 (regime, self->stored_regime) != 0 || apr_bp != self->stored_apr_bp);
  gtk_widget_set_sensitive (GTK_WIDGET (self->interest_save), changed);
}

static void
load_interest (ArDunningLevelsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *apr = NULL;

  g_clear_pointer (&self->stored_regime, g_free);
  self->stored_apr_bp = 0;
  if (!ar_dunning_get_interest_regime (self->ledger, 0, &self->stored_regime,
                                       &self->stored_apr_bp, &error))
    {
      show_interest_problem (self, error->message);
      return;
    }
  self->loading = TRUE;
  adw_combo_row_set_selected (self->regime_row, ar_interest_choice_index (self->stored_regime));
  apr = self->stored_apr_bp > 0 ? ar_interest_choice_format_apr (self->stored_apr_bp)
                                : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->apr_row), apr);
  self->loading = FALSE;
  check_interest (self);
}

static void
on_interest_save_clicked_cb (ArDunningLevelsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!ar_dunning_levels_page_save_interest (self, &error))
    show_interest_problem (self, error->message);
}

static void
add_interest_group (ArDunningLevelsPage *self)
{
  AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) choices = ar_interest_choice_model (NULL);
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  adw_preferences_group_set_title (group, _("Interest"));
  adw_preferences_group_set_description (group,
    _("How interest on late items is worked out for the whole book. A debtor can have its "
      "own calculator in Edit Debtor."));

  self->regime_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->regime_row), _("Calculator"));
  adw_combo_row_set_model (self->regime_row, G_LIST_MODEL (choices));
  /* The statutes' names are long: the chosen one as the subtitle, whole. */
  adw_combo_row_set_use_subtitle (self->regime_row, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->regime_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Interest calculator"), -1);
  g_signal_connect_swapped (self->regime_row, "notify::selected",
                            G_CALLBACK (check_interest), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->regime_row));

  self->apr_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->apr_row),
                                 _("Yearly rate in percent (APR)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->apr_row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Yearly rate in percent (APR)"), -1);
  g_signal_connect_swapped (self->apr_row, "changed", G_CALLBACK (check_interest), self);
  adw_preferences_group_add (group, GTK_WIDGET (self->apr_row));

  self->interest_problem = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->interest_problem, TRUE);
  gtk_label_set_xalign (self->interest_problem, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->interest_problem), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->interest_problem), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->interest_problem), FALSE);
  self->interest_save = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Save")));
  gtk_widget_set_halign (GTK_WIDGET (self->interest_save), GTK_ALIGN_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->interest_save), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->interest_save), "suggested-action");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->interest_save),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Save the interest calculator"), -1);
  g_signal_connect_swapped (self->interest_save, "clicked",
                            G_CALLBACK (on_interest_save_clicked_cb), self);
  gtk_widget_set_margin_top (bottom, 12);
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->interest_problem));
  gtk_box_append (GTK_BOX (bottom), GTK_WIDGET (self->interest_save));
  adw_preferences_group_add (group, bottom);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), group);
}

static void
ar_dunning_levels_page_dispose (GObject *object)
{
  ArDunningLevelsPage *self = (ArDunningLevelsPage *) object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->levels, g_array_unref);
  g_clear_object (&self->ledger);
  g_clear_pointer (&self->interest_problem_text, g_free);
  g_clear_pointer (&self->stored_regime, g_free);
  g_clear_pointer (&self->sequence_problem_text, g_free);
  if (self->confirmation != NULL)
    gtk_window_destroy (GTK_WINDOW (self->confirmation));
  g_clear_weak_pointer (&self->confirmation);
  G_OBJECT_CLASS (ar_dunning_levels_page_parent_class)->dispose (object);
}

static void
ar_dunning_levels_page_class_init (ArDunningLevelsPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ar_dunning_levels_page_dispose;
}

static void
ar_dunning_levels_page_init (ArDunningLevelsPage *self)
{
  AdwPreferencesGroup *warning_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Dunning"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "mail-send-symbolic");
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "dunning");
  /* First, where it is seen: statutory interest can't be worked out without today's rate. */
  self->rates_warning = AR_RATES_WARNING (ar_rates_warning_new ());
  ar_rates_warning_set_action_name (self->rates_warning, "preferences.show-rates");
  adw_preferences_group_add (warning_group, GTK_WIDGET (self->rates_warning));
  g_object_bind_property (self->rates_warning, "visible", warning_group, "visible",
                          G_BINDING_SYNC_CREATE);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), warning_group);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Dunning Levels"));
  adw_preferences_group_set_description (self->group,
    _("An item moves up one level at a time: when it is the level’s days past due and the "
      "days since its previous level have passed. Each change is checked as you type and "
      "saved with its level’s Save button."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);
  add_sequence_group (self);
  add_interest_group (self);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) level_rows_free);
}

ArDunningLevelsPage *
ar_dunning_levels_page_new (ArLedger *ledger)
{
  ArDunningLevelsPage *self;

  g_return_val_if_fail (AR_IS_LEDGER (ledger), NULL);
  self = g_object_new (AR_TYPE_DUNNING_LEVELS_PAGE, NULL);
  self->ledger = g_object_ref (ledger);
  load (self);
  load_interest (self);
  ar_rates_warning_set_ledger (self->rates_warning, ledger);
  return self;
}

static LevelRows *
rows_of (ArDunningLevelsPage *self,
         guint                level)
{
  g_return_val_if_fail (level >= 1 && level <= self->rows->len, NULL);
  return self->rows->pdata[level - 1];
}

GtkEditable *
ar_dunning_levels_page_get_field (ArDunningLevelsPage *self,
                                  guint                level,
                                  const char          *name)
{
  LevelRows *rows;

  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  if ((rows = rows_of (self, level)) == NULL)
    return NULL;
  for (guint f = 0; f < N_F; f++)
    if (g_str_equal (name, fields[f].name))
      return GTK_EDITABLE (rows->rows[f]);
  g_return_val_if_reached (NULL);
}

const char *
ar_dunning_levels_page_get_problem (ArDunningLevelsPage *self,
                                    guint                level)
{
  LevelRows *rows;

  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  rows = rows_of (self, level);
  return rows != NULL ? rows->problem_text : NULL;
}

gboolean
ar_dunning_levels_page_save (ArDunningLevelsPage  *self,
                             guint                 level,
                             GError              **error)
{
  LevelRows *rows;
  ArDunningLevel value;

  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), FALSE);
  if ((rows = rows_of (self, level)) == NULL)
    return FALSE;
  if (!read_rows (rows, &value, NULL, error) || !ar_dunning_level_store (self->ledger, &value, error))
    return FALSE;
  /* The rows are made again from what is stored; the expander may go: leave this one open. */
  load (self);
  adw_expander_row_set_expanded (rows_of (self, level)->expander, TRUE);
  return TRUE;
}

AdwComboRow *
ar_dunning_levels_page_get_regime_row (ArDunningLevelsPage *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  return self->regime_row;
}

GtkEditable *
ar_dunning_levels_page_get_apr_row (ArDunningLevelsPage *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  return GTK_EDITABLE (self->apr_row);
}

const char *
ar_dunning_levels_page_get_interest_problem (ArDunningLevelsPage *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  return self->interest_problem_text;
}

gboolean
ar_dunning_levels_page_save_interest (ArDunningLevelsPage  *self,
                                      GError              **error)
{
  const char *regime;
  gint64 apr_bp;

  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), FALSE);
  if (!read_interest (self, &regime, &apr_bp, error) ||
      !ar_dunning_set_interest_regime (self->ledger, 0, regime, apr_bp, error))
    return FALSE;
  load_interest (self);
  ar_rates_warning_refresh (self->rates_warning);
  return TRUE;
}

void
ar_dunning_levels_page_refresh_warning (ArDunningLevelsPage *self)
{
  g_return_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self));
  ar_rates_warning_refresh (self->rates_warning);
}

GtkButton *
ar_dunning_levels_page_get_add_button (ArDunningLevelsPage *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  return self->add;
}

GtkButton *
ar_dunning_levels_page_get_remove_button (ArDunningLevelsPage *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  return self->remove;
}

AdwMessageDialog *
ar_dunning_levels_page_get_confirmation (ArDunningLevelsPage *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  return self->confirmation;
}

const char *
ar_dunning_levels_page_get_sequence_problem (ArDunningLevelsPage *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  return self->sequence_problem_text;
}

ArRatesWarning *
ar_dunning_levels_page_get_rates_warning (ArDunningLevelsPage *self)
{
  g_return_val_if_fail (AR_IS_DUNNING_LEVELS_PAGE (self), NULL);
  return self->rates_warning;
}
