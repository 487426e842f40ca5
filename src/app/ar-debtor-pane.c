/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-debtor-pane"
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ar-account-list.h"
#include "ar-activity.h"
#include "ar-aging.h"
#include "ar-chart-model.h"
#include "ar-contact-dialog.h"
#include "ar-date.h"
#include "ar-debtor-ledger.h"
#include "ar-debtor-pane-private.h"
#include "ar-entry-row.h"
#include "ar-holds-section.h"
#include "ar-labels.h"
#include "ar-ledger-edit.h"
#include "ar-money.h"
#include "ar-payment-dialog.h"
#include "ar-plan-section.h"
#include "ar-window.h"

struct _ArDebtorPane
{
  GtkWidget       parent_instance;

  /* Template children. */
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkLabel       *name_label;
  GtkLabel       *details_label;
  GtkLabel       *balance_label;
  GtkLabel       *overdue_label;
  GtkDrawingArea *aging_bar;
  GtkLabel       *other_balances_label;
  GtkListBox     *open_list;
  GtkNoSelection *ledger_selection;
  GtkListBox     *activity_list;
  GtkListBox     *contact_list;
  AdwViewStack   *section_stack;
  GtkBox         *shortcut_box;
  GtkCheckButton *show_paid_check;
  GtkTextView    *notes_view;
  ArPlanSection  *plan_section;

  AdwToast       *undo_toast; /* weak; the last write's "Undo" */
  GActionGroup   *undo_group; /* owned; "debtor-undo", put on the window's toast overlay */
  guint           epoch;      /* counts the ledgers shown; see _ar_debtor_pane_get_epoch() */

  ArLedger       *ledger;     /* owned */
  ArAccount      *account;    /* owned */
  ArDebtorLedger *debtor;     /* owned; what is shown */
  GListStore     *entries;    /* owned; ArEntryRow */
  ArAgingConfig   config;
  guint32         as_of;
};

G_DEFINE_FINAL_TYPE (ArDebtorPane, ar_debtor_pane, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_LEDGER, PROP_ACCOUNT, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* Cell closures (ar-cell-entry-*.ui) ------------------------------------------------------ */

/* No tooltip rather than an empty one. */
static char *
tooltip_text (gpointer    this_,
              const char *text,
              gpointer    user_data)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

/* Helpers --------------------------------------------------------------------------------- */

static char *
format_money (gint64      minor,
              const char *currency)
{
  if (!ar_currency_is_valid (currency))
    return g_strdup ("");
  return ar_money_format (minor, currency);
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Names and summaries are data, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL && subtitle[0] != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
add_suffix_label (GtkWidget  *row,
                  const char *text,
                  gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "numeric");
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
}

static const ArDebtorBalance *
find_balance (const ArDebtorLedger *debtor,
              const char           *currency)
{
  for (guint i = 0; i < debtor->balances->len; i++)
    {
      const ArDebtorBalance *b = &g_array_index (debtor->balances, ArDebtorBalance, i);

      if (currency != NULL && strcmp (b->currency, currency) == 0)
        return b;
    }
  return NULL;
}

/* The currency the header shows: the selected row's, or the debtor's first. */
static const char *
shown_currency (ArDebtorPane *self)
{
  const char *currency = self->account != NULL ? ar_account_get_currency (self->account) : NULL;

  if (currency != NULL && currency[0] != '\0')
    return currency;
  if (self->debtor != NULL && self->debtor->balances->len > 0)
    return g_array_index (self->debtor->balances, ArDebtorBalance, 0).currency;
  return NULL;
}

static guint
item_bucket (ArDebtorPane           *self,
             const ArDebtorOpenItem *item)
{
  guint32 from = self->config.basis == AR_AGING_BY_ISSUE_DATE ? item->issue_date
                                                              : item->due_date;

  /* Days, not money: the item's age as of today. */
  return ar_aging_bucket_for_days (&self->config, (int) self->as_of - (int) from);
}

/* The aging bar ---------------------------------------------------------------------------- */

/* The debtor's open items in the shown currency, oldest first, one segment each, as wide as
 * its share of what is open (ArDebtorBalance.open, the core's sum) and coloured like its
 * bucket in the aging chart. */
static void
draw_aging_bar (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  ArDebtorPane *self = user_data;
  AdwStyleManager *style = adw_style_manager_get_default ();
  const ArChartPalette *palette =
    ar_chart_palette_get (adw_style_manager_get_dark (style) ? AR_CHART_THEME_DARK
                                                             : AR_CHART_THEME_LIGHT);
  const char *currency = shown_currency (self);
  const ArDebtorBalance *balance;
  guint n_buckets = self->config.n_limits + 2;
  double x = 0;
  double radius = height / 2.0;

  if (self->debtor == NULL || currency == NULL)
    return;
  balance = find_balance (self->debtor, currency);
  if (balance == NULL || balance->open <= 0)
    return;

  /* A rounded track, clipped, so that the segments share its ends. */
  cairo_new_sub_path (cr);
  cairo_arc (cr, radius, radius, radius, G_PI / 2, 3 * G_PI / 2);
  cairo_arc (cr, width - radius, radius, radius, -G_PI / 2, G_PI / 2);
  cairo_close_path (cr);
  cairo_clip (cr);

  for (guint i = 0; i < self->debtor->open_items->len; i++)
    {
      const ArDebtorOpenItem *item = &g_array_index (self->debtor->open_items,
                                                     ArDebtorOpenItem, i);
      ArChartColor color;
      double w;

      if (strcmp (item->currency, currency) != 0 || item->open <= 0)
        continue;
      /* Geometry, not money: the share of the bar this item covers. */
      w = width * ((double) item->open / (double) balance->open);
      color = ar_chart_palette_series (palette, MIN (item_bucket (self, item), n_buckets - 1),
                                       n_buckets);
      cairo_set_source_rgb (cr, color.r, color.g, color.b);
      cairo_rectangle (cr, x, 0, w, height);
      cairo_fill (cr);
      x += w;
      /* A hairline between segments, in the window's background. */
      cairo_set_source_rgb (cr, palette->background.r, palette->background.g,
                            palette->background.b);
      cairo_rectangle (cr, x - 0.5, 0, 1, height);
      cairo_fill (cr);
    }
}

static void
update_aging_bar (ArDebtorPane *self)
{
  const char *currency = shown_currency (self);
  const ArDebtorBalance *balance = NULL;
  g_autoptr(GString) description = g_string_new (NULL);

  if (self->debtor != NULL && currency != NULL)
    balance = find_balance (self->debtor, currency);

  if (balance == NULL || balance->open <= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->aging_bar), FALSE);
      return;
    }

  for (guint i = 0; i < self->debtor->open_items->len; i++)
    {
      const ArDebtorOpenItem *item = &g_array_index (self->debtor->open_items,
                                                     ArDebtorOpenItem, i);
      char label[32];
      g_autofree char *bucket = NULL;
      g_autofree char *amount = NULL;

      if (strcmp (item->currency, currency) != 0 || item->open <= 0)
        continue;
      bucket = ar_label_bucket (ar_aging_bucket_label (&self->config, item_bucket (self, item),
                                                       label, sizeof label));
      amount = format_money (item->open, item->currency);
      if (description->len > 0)
        g_string_append (description, "; ");
      /* Translators: one open item in the aging bar's description: "$50.00, 31–60 days" */
      g_string_append_printf (description, _("%s, %s"), amount, bucket);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->aging_bar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->aging_bar), TRUE);
  gtk_widget_queue_draw (GTK_WIDGET (self->aging_bar));
}

static void
on_dark_changed_cb (ArDebtorPane *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self->aging_bar));
}

/* Filling the pane ------------------------------------------------------------------------ */

/* Contact shortcuts: the first phone and the first email address not known to be bad, as
 * links the desktop opens (tel:, mailto:). */
static void
fill_shortcuts (ArDebtorPane *self)
{
  gboolean phone = FALSE, email = FALSE;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->shortcut_box))) != NULL)
    gtk_box_remove (self->shortcut_box, child);

  for (guint i = 0; i < self->debtor->contacts->len; i++)
    {
      const ArDebtorContact *c = &g_array_index (self->debtor->contacts, ArDebtorContact, i);
      g_autofree char *uri = NULL;
      g_autofree char *escaped = NULL;
      GtkWidget *link;

      if (c->status != AR_CONTACT_VALID && c->status != AR_CONTACT_UNVERIFIED)
        continue;
      if (c->kind == AR_DEBTOR_CONTACT_PHONE && !phone)
        {
          g_autoptr(GString) number = g_string_new (NULL);

          /* RFC 3966 wants the digits (and a leading "+"), not the spacing people write. */
          for (const char *p = c->value; *p != '\0'; p++)
            if (g_ascii_isdigit (*p) || (*p == '+' && number->len == 0))
              g_string_append_c (number, *p);
          if (number->len == 0)
            continue;
          uri = g_strconcat ("tel:", number->str, NULL);
          phone = TRUE;
        }
      else if (c->kind == AR_DEBTOR_CONTACT_EMAIL && !email)
        {
          escaped = g_uri_escape_string (c->value, "@+.", FALSE);
          uri = g_strconcat ("mailto:", escaped, NULL);
          email = TRUE;
        }
      else
        continue;
      link = gtk_link_button_new_with_label (uri, c->value);
      gtk_widget_set_tooltip_text (link, c->kind == AR_DEBTOR_CONTACT_PHONE ? _("Call")
                                                                            : _("Write an email"));
      gtk_widget_add_css_class (link, "contact-shortcut");
      /* A long address must not widen the pane past an 800-pixel window: it ellipsizes, and
       * its tooltip and the Contacts section show it whole. */
      if (GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (link))))
        {
          GtkLabel *label = GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link)));

          gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
          gtk_label_set_width_chars (label, 8);
        }
      gtk_box_append (self->shortcut_box, link);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->shortcut_box), phone || email);
}

static void
fill_notes (ArDebtorPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  const char *notes = self->debtor->debtor.notes;

  gtk_text_buffer_set_text (buffer, notes != NULL ? notes : "", -1);
  gtk_text_buffer_set_modified (buffer, FALSE);
}

static void
fill_header (ArDebtorPane *self)
{
  const ArDebtorDetails *d = &self->debtor->debtor;
  const char *currency = shown_currency (self);
  const ArDebtorBalance *balance = currency != NULL ? find_balance (self->debtor, currency)
                                                    : NULL;
  g_autoptr(GString) details = g_string_new (d->external_id);
  g_autoptr(GString) others = g_string_new (NULL);
  int days = self->account != NULL ? ar_account_get_days_overdue (self->account) : 0;

  gtk_label_set_text (self->name_label, d->name);

  g_string_append_printf (details, " · %s · %s", ar_label_debtor_kind (d->kind),
                          ar_label_debtor_status (d->status));
  if (d->company != NULL && d->company[0] != '\0' && g_strcmp0 (d->company, d->name) != 0)
    g_string_append_printf (details, " · %s", d->company);
  if (d->cease_contact)
    g_string_append_printf (details, " · %s", _("Do not contact"));
  gtk_label_set_text (self->details_label, details->str);

  if (balance != NULL)
    {
      g_autofree char *text = format_money (balance->balance, balance->currency);

      gtk_label_set_text (self->balance_label, text);
    }
  else
    gtk_label_set_text (self->balance_label, _("Nothing owed"));

  if (balance != NULL && balance->open > 0 && days > 0)
    {
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day overdue", "%d days overdue",
                                      days), days);

      gtk_label_set_text (self->overdue_label, text);
    }
  else if (balance != NULL && balance->open > 0)
    gtk_label_set_text (self->overdue_label, _("Not yet due"));
  else
    gtk_label_set_text (self->overdue_label, "");

  /* Other currencies and credit on account, which the balance above nets. */
  for (guint i = 0; i < self->debtor->balances->len; i++)
    {
      const ArDebtorBalance *b = &g_array_index (self->debtor->balances, ArDebtorBalance, i);
      g_autofree char *amount = NULL;

      if (b == balance)
        {
          if (b->unapplied > 0)
            {
              amount = format_money (b->unapplied, b->currency);
              if (others->len > 0)
                g_string_append (others, "\n");
              g_string_append_printf (others, _("Credit on account: %s"), amount);
            }
          continue;
        }
      amount = format_money (b->balance, b->currency);
      if (others->len > 0)
        g_string_append (others, "\n");
      g_string_append_printf (others, _("Balance in %s: %s"), b->currency, amount);
    }
  gtk_label_set_text (self->other_balances_label, others->str);
  gtk_widget_set_visible (GTK_WIDGET (self->other_balances_label), others->len > 0);

  update_aging_bar (self);
  fill_shortcuts (self);
}

static void fill_open_items (ArDebtorPane *self);

static gboolean
invoice_is_open (ArDebtorPane *self,
                 gint64        invoice_id)
{
  for (guint i = 0; i < self->debtor->open_items->len; i++)
    if (g_array_index (self->debtor->open_items, ArDebtorOpenItem, i).invoice_id == invoice_id)
      return TRUE;
  return FALSE;
}

/* The invoices nothing is open on any more (paid, credited or written off), newest first,
 * after the open items. Reversed invoices are not owed at all and are left out. */
static void
fill_paid_invoices (ArDebtorPane *self)
{
  for (guint i = self->debtor->entries->len; i-- > 0; )
    {
      const ArDebtorEntry *e = &g_array_index (self->debtor->entries, ArDebtorEntry, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *amount = NULL;
      char issued[11];
      GtkWidget *row;

      if (e->kind != AR_ENTRY_INVOICE || e->reversed_by_id != 0 || e->invoice_id == 0
          || invoice_is_open (self, e->invoice_id))
        continue;
      title = g_strdup_printf (_("Invoice %s"), e->invoice_number);
      /* Translators: a settled invoice in the open items list: "Issued 2026-01-01 · Paid" */
      subtitle = g_strdup_printf (_("Issued %s · Paid"), ar_date_format_julian (e->date, issued));
      amount = format_money (e->amount, e->currency);
      row = new_row (title, subtitle);
      add_suffix_label (row, amount, TRUE);
      gtk_widget_add_css_class (row, "paid-item");
      gtk_list_box_append (self->open_list, row);
    }
}

static void
on_show_paid_toggled_cb (ArDebtorPane *self)
{
  if (self->debtor != NULL)
    fill_open_items (self);
}

static void
fill_open_items (ArDebtorPane *self)
{
  clear_list (self->open_list);

  for (guint i = 0; i < self->debtor->open_items->len; i++)
    {
      const ArDebtorOpenItem *item = &g_array_index (self->debtor->open_items,
                                                     ArDebtorOpenItem, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *open = format_money (item->open, item->currency);
      int days = (int) self->as_of - (int) item->due_date;
      char due[11];
      GtkWidget *row;

      if (item->invoice_number != NULL)
        /* Translators: an open item: "Invoice INV-1001" */
        title = g_strdup_printf (_("Invoice %s"), item->invoice_number);
      else
        title = g_strdup (ar_label_entry_kind (item->kind));

      ar_date_format_julian (item->due_date, due);
      if (days > 0)
        subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "Due %s · %d day overdue",
                                                 "Due %s · %d days overdue", days),
                                    due, days);
      else
        subtitle = g_strdup_printf (_("Due %s"), due);

      row = new_row (title, subtitle);
      if (item->open != item->amount)
        {
          g_autofree char *amount = format_money (item->amount, item->currency);
          /* Translators: the original amount of a partly paid invoice: "of $120.00" */
          g_autofree char *of = g_strdup_printf (_("of %s"), amount);

          add_suffix_label (row, open, FALSE);
          add_suffix_label (row, of, TRUE);
        }
      else
        add_suffix_label (row, open, FALSE);
      gtk_list_box_append (self->open_list, row);
    }

  if (gtk_check_button_get_active (self->show_paid_check))
    fill_paid_invoices (self);
}

static void
fill_entries (ArDebtorPane *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->debtor->entries->len; i++)
    g_ptr_array_add (rows, ar_entry_row_new (self->debtor,
                                             &g_array_index (self->debtor->entries,
                                                             ArDebtorEntry, i)));
  g_list_store_splice (self->entries, 0, g_list_model_get_n_items (G_LIST_MODEL (self->entries)),
                       rows->pdata, rows->len);
}

static gboolean
add_activity_row (const ArActivityRow *activity,
                  gpointer             user_data)
{
  ArDebtorPane *self = user_data;
  const char *direction = ar_label_direction (activity->direction);
  g_autofree char *title = NULL;
  g_autofree char *outcome = ar_label_outcome (activity->outcome);
  g_autoptr(GString) subtitle = g_string_new (activity->summary);
  g_autofree char *when = g_strndup (activity->occurred_at != NULL ? activity->occurred_at : "",
                                     10);
  GtkWidget *row;

  if (direction[0] != '\0')
    /* Translators: an activity and its direction: "Call · Outgoing" */
    title = g_strdup_printf (_("%s · %s"), ar_label_activity_kind (activity->kind), direction);
  else
    title = g_strdup (ar_label_activity_kind (activity->kind));

  if (outcome[0] != '\0')
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, outcome);
    }
  if (activity->next_action_date != 0)
    {
      char date[11];

      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("Next action %s"),
                              ar_date_format_julian (activity->next_action_date, date));
    }
  if (activity->document_name != NULL)
    {
      if (subtitle->len > 0)
        g_string_append (subtitle, " · ");
      g_string_append (subtitle, activity->document_name);
    }

  row = new_row (title, subtitle->str);
  add_suffix_label (row, when, TRUE);
  gtk_list_box_append (self->activity_list, row);
  return TRUE;
}

static void
fill_activities (ArDebtorPane *self)
{
  g_autoptr(GError) error = NULL;

  clear_list (self->activity_list);
  if (!ar_ledger_list_activities (self->ledger, self->debtor->debtor.id, add_activity_row, self,
                                  &error))
    g_warning ("Can’t read the activity of debtor %" G_GINT64_FORMAT ": %s",
               self->debtor->debtor.id, error->message);
}

/* A contact row's menu: the statuses it can be given (debtor.contact-status). */
static GtkWidget *
contact_menu_button (const ArDebtorContact *c)
{
  static const ArContactStatus order[] = {
    AR_CONTACT_BAD, AR_CONTACT_RETURNED_MAIL, AR_CONTACT_DISCONNECTED, AR_CONTACT_VALID,
    AR_CONTACT_UNVERIFIED,
  };
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *name = NULL;
  GtkWidget *button = gtk_menu_button_new ();

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;

      if (order[i] == c->status || !ar_contact_status_allowed (c->kind, order[i]))
        continue;
      /* Translators: a contact's menu item: "Mark as Bad", "Mark as Returned mail" */
      label = g_strdup_printf (_("Mark as %s"), ar_label_contact_status (order[i]));
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (
        item, "debtor.contact-status",
        g_variant_new ("(ixs)", (gint32) c->kind, c->id, ar_contact_status_to_string (order[i])));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Change Status"));
  /* Translators: the accessible name of a contact's menu: "Status of +1 555 0100" */
  name = g_strdup_printf (_("Status of %s"), c->value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  return button;
}

static void
fill_contacts (ArDebtorPane *self)
{
  clear_list (self->contact_list);

  for (guint i = 0; i < self->debtor->contacts->len; i++)
    {
      const ArDebtorContact *c = &g_array_index (self->debtor->contacts, ArDebtorContact, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row;

      if (c->label != NULL && c->label[0] != '\0')
        g_string_append_printf (subtitle, "%s · ", c->label);
      g_string_append (subtitle, ar_label_contact_kind (c->kind));
      if (c->status != AR_CONTACT_VALID)
        g_string_append_printf (subtitle, " · %s", ar_label_contact_status (c->status));

      if (c->source != NULL && c->source[0] != '\0')
        /* Translators: where a contact point came from: "from skip trace" */
        g_string_append_printf (subtitle, _(" · from %s"), c->source);

      row = new_row (c->value, subtitle->str);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), contact_menu_button (c));
      gtk_list_box_append (self->contact_list, row);
    }
}

/* The actions need a debtor shown (and, to record a payment, a currency). */
static void
update_actions (ArDebtorPane *self)
{
  gboolean shown = self->ledger != NULL && self->debtor != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debtor.record-payment",
                                 shown && shown_currency (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debtor.log-contact", shown);
  _ar_debtor_pane_actions_update (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "debtor.set-up-plan",
                                 shown && shown_currency (self) != NULL);
}

static void
show_nothing (ArDebtorPane *self)
{
  g_clear_pointer (&self->debtor, ar_debtor_ledger_free);
  g_list_store_remove_all (self->entries);
  clear_list (self->open_list);
  clear_list (self->activity_list);
  clear_list (self->contact_list);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), "", -1);
  ar_plan_section_load (self->plan_section, NULL, 0, NULL, 0);
  gtk_stack_set_visible_child_name (self->stack, "none");
  update_actions (self);
}

/* Actions: record a payment, log a contact ---------------------------------------------- */

static void
show_write_error (ArDebtorPane *self,
                  const char   *heading,
                  const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (AR_IS_WINDOW (root))
    ar_window_show_error (AR_WINDOW (root), heading, error->message);
  else
    g_warning ("%s: %s", heading, error->message);
}

static void
add_toast (ArDebtorPane *self,
           AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  /* Toasts are never dismissed from here: libadwaita 1.2 frees a toast dismissed during its
   * show animation while the animation still runs, and re-shows a toast pushed back by a
   * high-priority one before it has finished hiding (both crash). Clicking Undo dismisses
   * its toast itself; the rest time out. */
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

/* After a write for @debtor_id: the list's row (its balance, last contact, next action) and
 * the pane. The account model reads through its own connection, so it sees the commit. */
static void
refresh_after_write (ArDebtorPane *self,
                     gint64        debtor_id)
{
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (AR_IS_WINDOW (root))
    {
      GtkWidget *list = ar_window_get_account_list (AR_WINDOW (root));
      ArAccountModel *model = list != NULL ? ar_account_list_get_model (AR_ACCOUNT_LIST (list))
                                           : NULL;

      if (model != NULL && !ar_account_model_refresh (model, debtor_id, &error))
        g_warning ("Can’t refresh the account list: %s", error->message);
    }
  ar_debtor_pane_reload (self);
}

static void
on_payment_recorded_cb (ArDebtorPane    *self,
                        gint64           entry_id,
                        gint64           debtor_id,
                        gint64           amount,
                        guint            date,
                        const char      *currency,
                        ArPaymentDialog *dialog)
{
  g_autofree char *text = ar_money_format (amount, currency);
  g_autofree char *title = NULL;

  refresh_after_write (self, debtor_id);
  /* Translators: a toast: "Payment of $50.00 recorded" */
  title = g_strdup_printf (_("Payment of %s recorded"), text);
  /* Undo reverses it, dated today or, for a payment dated later, on its own date, since a
   * reversal can't precede its entry. */
  _ar_debtor_pane_toast_undo (self, title, "undo-entries",
                              g_variant_new ("(u@axx)", self->epoch,
                                             g_variant_new_fixed_array (G_VARIANT_TYPE_INT64,
                                                                        &entry_id, 1,
                                                                        sizeof (gint64)),
                                             debtor_id));
}

static void
on_payment_split_cb (ArDebtorPane    *self,
                     GVariant        *entry_ids,
                     gint64           debtor_id,
                     ArPaymentDialog *dialog)
{
  guint n = g_variant_n_children (entry_ids);
  g_autofree char *title = NULL;

  refresh_after_write (self, debtor_id);
  /* Translators: a toast: "Payment recorded on 2 invoices" */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Payment recorded on %u invoice",
                                        "Payment recorded on %u invoices", n), n);
  _ar_debtor_pane_toast_undo (self, title, "undo-entries",
                              g_variant_new ("(u@axx)", self->epoch, entry_ids, debtor_id));
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *currency = shown_currency (self);
  ArPaymentDialog *dialog;

  if (self->ledger == NULL || self->debtor == NULL || currency == NULL)
    return;

  dialog = ar_payment_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->ledger,
                                  self->debtor, currency);
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_payment_recorded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "recorded-split", G_CALLBACK (on_payment_split_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_contact_logged_cb (ArDebtorPane    *self,
                      gint64           activity_id,
                      ArContactDialog *dialog)
{
  if (self->debtor == NULL)
    return;
  refresh_after_write (self, self->debtor->debtor.id);
  ar_debtor_pane_show_section (self, "activity");
  add_toast (self, adw_toast_new (_("Contact logged")));
}

static void
log_contact_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  ArContactDialog *dialog;

  if (self->ledger == NULL || self->debtor == NULL)
    return;

  dialog = ar_contact_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->ledger,
                                  self->debtor->debtor.id, self->debtor->debtor.name);
  ar_contact_dialog_set_currency (dialog, shown_currency (self));
  g_signal_connect_object (dialog, "logged", G_CALLBACK (on_contact_logged_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Payment plans (ar-plan-section) ------------------------------------------------------------ */

static void
set_up_plan_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *parameter)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (widget);

  if (self->ledger == NULL || self->debtor == NULL)
    return;
  ar_plan_section_new_plan (self->plan_section);
}

static void
on_plan_changed_cb (ArDebtorPane *self,
                    gint64        debtor_id)
{
  refresh_after_write (self, debtor_id);
  ar_debtor_pane_show_section (self, "plan");
}

/* "Record Instalment…": the payment dialog, prefilled with what the next instalment still
 * needs and naming the plan's first covered invoice still open, so the allocation applies the
 * payment to the plan before older invoices outside it (as ar_ledger_post_plan_payment()). */
static void
on_plan_record_payment_cb (ArDebtorPane *self,
                           gint64        amount)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  const char *currency = shown_currency (self);
  g_autofree char *text = NULL;
  ArPaymentDialog *dialog;

  if (self->ledger == NULL || self->debtor == NULL || currency == NULL)
    return;
  dialog = ar_payment_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->ledger,
                                  self->debtor, currency);
  text = ar_money_format (amount, currency);
  gtk_editable_set_text (ar_payment_dialog_get_amount_entry (dialog), text);
  {
    const ArPlan *plan = ar_plan_section_get_plan (self->plan_section);

    for (guint i = 0; plan != NULL && i < plan->invoices->len; i++)
      if (ar_payment_dialog_set_invoice (dialog,
                                         g_array_index (plan->invoices, ArPlanInvoice, i).invoice_id))
        break;
  }
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_payment_recorded_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject --------------------------------------------------------------------------------- */

static void
ar_debtor_pane_dispose (GObject *object)
{
  ArDebtorPane *self = (ArDebtorPane *) object;

  gtk_widget_dispose_template (GTK_WIDGET (self), AR_TYPE_DEBTOR_PANE);
  /* The template's root box is no bound child, so it is not unparented for us. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL; )
    gtk_widget_unparent (child);
  g_clear_object (&self->ledger);
  g_clear_object (&self->account);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->debtor, ar_debtor_ledger_free);
  g_clear_weak_pointer (&self->undo_toast);
  g_clear_object (&self->undo_group);

  G_OBJECT_CLASS (ar_debtor_pane_parent_class)->dispose (object);
}

static void
ar_debtor_pane_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    case PROP_ACCOUNT:
      g_value_set_object (value, self->account);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_debtor_pane_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  ArDebtorPane *self = AR_DEBTOR_PANE (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      ar_debtor_pane_set_ledger (self, g_value_get_object (value));
      break;
    case PROP_ACCOUNT:
      ar_debtor_pane_set_account (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ar_debtor_pane_class_init (ArDebtorPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ar_debtor_pane_dispose;
  object_class->get_property = ar_debtor_pane_get_property;
  object_class->set_property = ar_debtor_pane_set_property;

  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL, AR_TYPE_LEDGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACCOUNT] =
    g_param_spec_object ("account", NULL, NULL, AR_TYPE_ACCOUNT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "debtorpane");
  g_type_ensure (AR_TYPE_PLAN_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/arrears/Arrears/ui/ar-debtor-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, stack);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, error_page);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, name_label);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, details_label);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, balance_label);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, aging_bar);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, other_balances_label);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, open_list);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, ledger_selection);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, activity_list);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, contact_list);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, section_stack);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, shortcut_box);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, show_paid_check);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, notes_view);
  gtk_widget_class_bind_template_child (widget_class, ArDebtorPane, plan_section);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_record_payment_cb);

  gtk_widget_class_bind_template_callback (widget_class, tooltip_text);
  gtk_widget_class_bind_template_callback (widget_class, on_show_paid_toggled_cb);

  gtk_widget_class_install_action (widget_class, "debtor.record-payment", NULL,
                                   record_payment_action);
  gtk_widget_class_install_action (widget_class, "debtor.log-contact", NULL, log_contact_action);
  _ar_debtor_pane_class_actions_init (widget_class);
  gtk_widget_class_install_action (widget_class, "debtor.set-up-plan", NULL, set_up_plan_action);

  g_type_ensure (AR_TYPE_ENTRY_ROW);
  g_type_ensure (AR_TYPE_HOLDS_SECTION);
}

static void
ar_debtor_pane_init (ArDebtorPane *self)
{
  GtkEventController *shortcuts;
  GDate today;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (AR_TYPE_ENTRY_ROW);
  gtk_no_selection_set_model (self->ledger_selection, G_LIST_MODEL (self->entries));
  ar_aging_config_init_default (&self->config);
  ar_date_set_today (&today);
  self->as_of = ar_date_to_julian (&today);

  self->undo_group = _ar_debtor_pane_undo_group_new (self);
  gtk_drawing_area_set_draw_func (self->aging_bar, draw_aging_bar, self, NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);

  /* Ctrl+Shift+P, Ctrl+Shift+L and Ctrl+P (print the statement) work anywhere in the window,
   * not only with the focus in the pane. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_named_action_new ("debtor.record-payment")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_named_action_new ("debtor.log-contact")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_p, GDK_CONTROL_MASK),
                      gtk_named_action_new ("debtor.print-statement")));
  gtk_shortcut_controller_add_shortcut (
    GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                      gtk_named_action_new ("debtor.set-up-plan")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* Public API ------------------------------------------------------------------------------ */

GtkWidget *
ar_debtor_pane_new (void)
{
  return g_object_new (AR_TYPE_DEBTOR_PANE, NULL);
}

ArLedger *
ar_debtor_pane_get_ledger (ArDebtorPane *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_PANE (self), NULL);
  return self->ledger;
}

void
ar_debtor_pane_set_ledger (ArDebtorPane *self,
                           ArLedger     *ledger)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (AR_IS_DEBTOR_PANE (self));
  g_return_if_fail (ledger == NULL || AR_IS_LEDGER (ledger));

  if (!g_set_object (&self->ledger, ledger))
    return;

  /* An Undo offered for the last ledger does nothing on this one. */
  self->epoch++;
  g_clear_object (&self->account);
  ar_aging_config_init_default (&self->config);
  if (ledger != NULL && !ar_aging_config_load (&self->config, ledger, &error))
    g_warning ("Can’t read the aging buckets: %s", error->message);
  show_nothing (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LEDGER]);
}

ArAccount *
ar_debtor_pane_get_account (ArDebtorPane *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_PANE (self), NULL);
  return self->account;
}

void
ar_debtor_pane_set_account (ArDebtorPane *self,
                            ArAccount    *account)
{
  g_return_if_fail (AR_IS_DEBTOR_PANE (self));
  g_return_if_fail (account == NULL || AR_IS_ACCOUNT (account));

  if (!g_set_object (&self->account, account))
    return;
  ar_debtor_pane_reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCOUNT]);
}

void
ar_debtor_pane_reload (ArDebtorPane *self)
{
  g_autoptr(GError) error = NULL;
  ArDebtorLedger *debtor;

  g_return_if_fail (AR_IS_DEBTOR_PANE (self));

  if (self->ledger == NULL || self->account == NULL)
    {
      show_nothing (self);
      return;
    }

  debtor = ar_debtor_ledger_load (self->ledger, ar_account_get_debtor_id (self->account), &error);
  if (debtor == NULL)
    {
      show_nothing (self);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }

  g_clear_pointer (&self->debtor, ar_debtor_ledger_free);
  self->debtor = debtor;

  fill_header (self);
  fill_open_items (self);
  fill_entries (self);
  fill_activities (self);
  fill_contacts (self);
  fill_notes (self);
  ar_plan_section_load (self->plan_section, self->ledger, debtor->debtor.id,
                        shown_currency (self), self->as_of);
  gtk_stack_set_visible_child_name (self->stack, "debtor");
  update_actions (self);
}

void
ar_debtor_pane_show_section (ArDebtorPane *self,
                             const char   *name)
{
  g_return_if_fail (AR_IS_DEBTOR_PANE (self));
  g_return_if_fail (name != NULL);
  adw_view_stack_set_visible_child_name (self->section_stack, name);
}

const char *
ar_debtor_pane_get_debtor_name (ArDebtorPane *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_PANE (self), NULL);
  if (self->debtor == NULL)
    return NULL;
  return gtk_label_get_text (self->name_label);
}

GListModel *
ar_debtor_pane_get_entries (ArDebtorPane *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_PANE (self), NULL);
  return G_LIST_MODEL (self->entries);
}

/* For tests: the toast of the last payment recorded, while it is shown. */
AdwToast *
ar_debtor_pane_get_undo_toast (ArDebtorPane *self)
{
  g_return_val_if_fail (AR_IS_DEBTOR_PANE (self), NULL);
  return self->undo_toast;
}

/* For ar-debtor-pane-actions.c (ar-debtor-pane-private.h) ---------------------------------- */

const ArDebtorLedger *
_ar_debtor_pane_get_debtor (ArDebtorPane *self)
{
  return self->debtor;
}

const char *
_ar_debtor_pane_get_currency (ArDebtorPane *self)
{
  return shown_currency (self);
}

guint
_ar_debtor_pane_get_epoch (ArDebtorPane *self)
{
  return self->epoch;
}

void
_ar_debtor_pane_refresh (ArDebtorPane *self,
                         gint64        debtor_id)
{
  refresh_after_write (self, debtor_id);
}

void
_ar_debtor_pane_toast (ArDebtorPane *self,
                       const char   *title)
{
  add_toast (self, adw_toast_new (title));
}

void
_ar_debtor_pane_toast_undo (ArDebtorPane *self,
                            const char   *title,
                            const char   *action,
                            GVariant     *target)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *action_name = g_strconcat ("debtor-undo.", action, NULL);
  AdwToast *toast;

  /* The toast lives in the window's overlay, above the pane, so its action is looked up
   * from there. */
  if (overlay != NULL)
    gtk_widget_insert_action_group (overlay, "debtor-undo", self->undo_group);

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, action_name);
  adw_toast_set_action_target_value (toast, target);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_set_weak_pointer (&self->undo_toast, toast);
  add_toast (self, toast);
}

void
_ar_debtor_pane_show_error (ArDebtorPane *self,
                            const char   *heading,
                            const GError *error)
{
  show_write_error (self, heading, error);
}

char *
_ar_debtor_pane_get_notes (ArDebtorPane *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}
