/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's dunning work (issue 6) on a demo ledger of 100 debtors with two follow-ups due:
 * Today lists the core's queue in its order with the count as the view switcher's badge, and
 * a snooze takes its item away; the Dunning view previews what the core proposes, a deselected
 * debtor gets no letter in the batch PDF (pdftotext) and nothing in the ledger, abandoning the
 * letters changes nothing, Commit records the rest, and a second preview the same day
 * proposes only the deselected debtor (checked through the core); Preferences ▸ Dunning
 * refuses an invalid level inline; the debtor pane's Holds section places a hold. Screenshots
 * of Today and Dunning at 1280×800 and 800×600, light and dark, go to
 * $G_TEST_BUILDDIR/screenshots. */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <poppler.h>

#include "ar-account.h"
#include "ar-account-list.h"
#include "ar-activity.h"
#include "ar-date.h"
#include "ar-debtor-pane.h"
#include "ar-demo.h"
#include "ar-dunning-levels-page.h"
#include "ar-dunning-run.h"
#include "ar-hold.h"
#include "ar-holds-section.h"
#include "ar-dunning-view.h"
#include "ar-queue.h"
#include "ar-queue-view.h"
#include "ar-test-util.h"
#include "ar-ui-test.h"
#include "ar-window.h"

#define N_DEBTORS 100

static char     *tmp_dir;
static ArLedger *ledger;
static ArWindow *window;
static guint32   today;

static GtkWidget *
find_first (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static ArQueueView *
queue_view (void)
{
  return AR_QUEUE_VIEW (ar_window_get_queue_view (window));
}

static ArDunningView *
dunning_view (void)
{
  return AR_DUNNING_VIEW (ar_window_get_dunning_view (window));
}

static gboolean
queue_loaded (gpointer data)
{
  return ar_queue_view_get_complete (queue_view ());
}

/* The queue as Today builds it: with the debtors due their next dunning letter. */
static ArQueue *
core_queue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDunningPreview) preview = ar_dunning_preview_new (ledger, today, NULL, &error);
  ArQueue *queue = ar_queue_build (ledger, today, &error);

  g_assert_no_error (error);
  g_assert_true (ar_queue_add_dunning (queue, ledger, preview, &error));
  g_assert_no_error (error);
  return queue;
}

static gboolean
dunning_in_state (gpointer data)
{
  return g_strcmp0 (ar_dunning_view_get_state (dunning_view ()), data) == 0;
}

static gboolean
progress_shown (gpointer data)
{
  return ar_dunning_view_get_progress (dunning_view (), NULL) > 0;
}

static gboolean
is_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

/* An async call's result, kept for its finish. */
static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
add_follow_up (const char *external_id,
               const char *summary)
{
  g_autoptr(GError) error = NULL;
  ArActivityInfo info = { 0 };

  info.debtor_id = ar_ledger_lookup_debtor (ledger, external_id);
  g_assert_cmpint (info.debtor_id, >, 0);
  info.kind = AR_ACTIVITY_CALL;
  info.direction = AR_DIRECTION_OUT;
  info.outcome = "no_answer";
  info.summary = summary;
  info.next_action_date = today - 1;
  g_assert_true (ar_ledger_add_activity (ledger, &info, NULL, &error));
  g_assert_no_error (error);
}

static void
test_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "views.arrears", NULL);
  g_autoptr(ArLedger) made = ar_ledger_create (path, &error);
  GDate date;

  g_assert_no_error (error);
  ar_date_set_today (&date);
  today = ar_date_to_julian (&date);
  g_assert_true (ar_demo_generate (made, N_DEBTORS, 42, today, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&made);
  ledger = ar_ledger_open (path, &error);
  g_assert_no_error (error);
  /* Two debtors with something overdue get a follow-up due yesterday. */
  {
    g_autoptr(ArDunningPreview) preview = ar_dunning_preview_new (ledger, today, NULL, &error);
    const char *summaries[] = { "Promised to call back about the spring invoices",
                                "Left a message with the office" };
    guint added = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview) && added < 2; i++)
      {
        const ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

        if (p->outcome == AR_DUNNING_PROPOSED && i % 5 == 0)
          add_follow_up (p->external_id, summaries[added++]);
      }
    g_assert_cmpuint (added, ==, 2);
  }

  window = ar_window_new (NULL);
  g_object_ref_sink (window);
  g_assert_true (ar_window_set_ledger (window, ledger, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (window), 1280, 800);
  ar_ui_wait_for (queue_loaded, NULL, "the work queue");
}

/* Today: the core's queue, in its order, its count on the view switcher. */
static void
test_queue_lists (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArQueue) queue = core_queue ();
  g_autoptr(ArQueue) without = ar_queue_build (ledger, today, &error);
  g_auto(GStrv) shown = NULL;
  AdwViewStack *stack;
  AdwViewStackPage *page;
  guint badge = 0, count = 0, n_dunning = 0;

  g_assert_no_error (error);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (queue_view ())));
  /* The follow-ups, the agency, and the letters due. */
  g_assert_cmpuint (ar_queue_get_n_items (without), >=, 3);
  for (guint i = 0; i < ar_queue_get_n_items (queue); i++)
    n_dunning += ar_queue_get_item (queue, i)->kind == AR_QUEUE_DUNNING_DUE;
  g_assert_cmpuint (n_dunning, >, 0);
  count = ar_queue_get_n_items (queue);
  g_assert_cmpuint (ar_queue_view_get_n_items (queue_view ()), ==, count);

  shown = ar_queue_view_dup_debtors (queue_view ());
  for (guint i = 0; i < ar_queue_get_n_items (queue); i++)
    g_assert_cmpstr (shown[i], ==, ar_queue_get_item (queue, i)->debtor_external_id);

  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (queue_view ()),
                                                   ADW_TYPE_VIEW_STACK));
  page = adw_view_stack_get_page (stack, GTK_WIDGET (queue_view ()));
  g_object_get (page, "badge-number", &badge, NULL);
  g_assert_cmpuint (badge, ==, count);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "today");
}

static gboolean
shot_queue_loaded (gpointer data)
{
  return ar_queue_view_get_complete (AR_QUEUE_VIEW (ar_window_get_queue_view (data)));
}

static gboolean
shot_previewed (gpointer data)
{
  return g_strcmp0 (ar_dunning_view_get_state (AR_DUNNING_VIEW (
                      ar_window_get_dunning_view (data))), "preview") == 0;
}

/* A window of its own for each size (a mapped X11 window keeps its size), light and dark. */
static void
screenshots (const char *view)
{
  const struct { AdwColorScheme scheme; const char *name; } schemes[] = {
    { ADW_COLOR_SCHEME_FORCE_LIGHT, "light" },
    { ADW_COLOR_SCHEME_FORCE_DARK, "dark" },
  };
  const struct { int width, height; } sizes[] = { { 1280, 800 }, { 800, 600 } };
  AdwStyleManager *style = adw_style_manager_get_default ();

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GError) error = NULL;
      ArWindow *shot = ar_window_new (NULL);

      g_object_ref_sink (shot);
      g_assert_true (ar_window_set_ledger (shot, ledger, &error));
      ar_window_show_view (shot, view);
      ar_ui_present_at (GTK_WINDOW (shot), sizes[s].width, sizes[s].height);
      if (g_str_equal (view, "today"))
        ar_ui_wait_for (shot_queue_loaded, shot, "the work queue");
      else
        {
          GtkWidget *dv = ar_window_get_dunning_view (shot);

          ar_dunning_view_preview (AR_DUNNING_VIEW (dv));
          ar_ui_wait_for (shot_previewed, shot, "the preview");
          gtk_expander_set_expanded (GTK_EXPANDER (find_first (dv, GTK_TYPE_EXPANDER)), TRUE);
        }
      for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
        {
          g_autofree char *png = g_strdup_printf ("%s-%dx%d-%s.png", view, sizes[s].width,
                                                  sizes[s].height, schemes[i].name);

          adw_style_manager_set_color_scheme (style, schemes[i].scheme);
          ar_ui_iterate_for (400);
          ar_ui_save_screenshot (GTK_WIDGET (shot), png);
        }
      adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
      gtk_window_destroy (GTK_WINDOW (shot));
      g_object_unref (shot);
    }
}

static void
test_queue_screenshots (void)
{
  screenshots ("today");
}

static gboolean
count_snoozes (const ArHold *hold,
               gpointer      user_data)
{
  if (hold->kind == AR_HOLD_SNOOZE && hold->released == 0 && hold->until == today + 7 &&
      g_str_equal (hold->reason, "Waiting for the insurer"))
    (*(guint *) user_data)++;
  return TRUE;
}

static gboolean
shows_status_page (GtkWidget  *root,
                   const char *title)
{
  if (ADW_IS_STATUS_PAGE (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), title) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_status_page (child, title))
      return TRUE;
  return FALSE;
}

/* A label of @root whose text starts with @prefix, or NULL. */
static const char *
label_starting (GtkWidget  *root,
                const char *prefix)
{
  if (GTK_IS_LABEL (root) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (root)), prefix))
    return gtk_label_get_text (GTK_LABEL (root));
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *found = label_starting (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A long queue: Today lists its 1,000 most urgent actions, in the core's order, and counts
 * them all in its summary and on the switcher. */
static void
test_queue_capped (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "busy.arrears", NULL);
  g_autoptr(ArLedger) busy = ar_ledger_create (path, &error);
  g_autoptr(ArDunningPreview) preview = NULL;
  g_autoptr(ArQueue) queue = NULL;
  g_auto(GStrv) shown = NULL;
  g_autofree char *summary = NULL;
  ArWindow *win;
  ArQueueView *view;
  guint badge = 0;

  g_assert_no_error (error);
  g_assert_true (ar_demo_generate (busy, 6000, 7, today, NULL, &error));
  g_assert_no_error (error);
  queue = ar_queue_build (busy, today, &error);
  g_assert_no_error (error);
  preview = ar_dunning_preview_new (busy, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ar_queue_add_dunning (queue, busy, preview, &error));
  g_assert_cmpuint (ar_queue_get_n_items (queue), >, 1000);

  win = g_object_ref_sink (ar_window_new (NULL));
  g_assert_true (ar_window_set_ledger (win, busy, &error));
  g_assert_no_error (error);
  ar_ui_present_at (GTK_WINDOW (win), 1280, 800);
  ar_ui_wait_for (shot_queue_loaded, win, "the long queue");
  view = AR_QUEUE_VIEW (ar_window_get_queue_view (win));

  g_assert_cmpuint (ar_queue_view_get_n_items (view), ==, ar_queue_get_n_items (queue));
  shown = ar_queue_view_dup_debtors (view);
  g_assert_cmpuint (g_strv_length (shown), ==, 1000);
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpstr (shown[i], ==, ar_queue_get_item (queue, i)->debtor_external_id);
  summary = g_strdup_printf ("The 1000 most urgent of %u actions",
                             ar_queue_get_n_items (queue));
  g_assert_nonnull (label_starting (GTK_WIDGET (view), summary));
  g_object_get (adw_view_stack_get_page (ADW_VIEW_STACK (gtk_widget_get_ancestor (
                  GTK_WIDGET (view), ADW_TYPE_VIEW_STACK)), GTK_WIDGET (view)),
                "badge-number", &badge, NULL);
  g_assert_cmpuint (badge, ==, ar_queue_get_n_items (queue));
  gtk_window_destroy (GTK_WINDOW (win));
  g_assert_finalize_object (win);
}

/* A book with nothing due today says so, and the switcher shows no count. */
static void
test_queue_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (tmp_dir, "quiet.arrears", NULL);
  g_autoptr(ArLedger) quiet = ar_ledger_create (path, &error);
  ArDebtorInfo debtor = { .external_id = "Q-1", .name = "Quiet Customer Ltd" };
  ArWindow *win;
  guint badge = 1;

  g_assert_no_error (error);
  /* A debtor who owes nothing: nothing to do. */
  g_assert_true (ar_ledger_add_debtor (quiet, &debtor, NULL, &error));
  g_assert_no_error (error);
  win = ar_window_new (NULL);
  g_object_ref_sink (win);
  g_assert_true (ar_window_set_ledger (win, quiet, &error));
  ar_ui_present_at (GTK_WINDOW (win), 800, 600);
  ar_ui_wait_for (shot_queue_loaded, win, "the empty queue");
  ar_ui_iterate_for (300);
  g_assert_cmpuint (ar_queue_view_get_n_items (AR_QUEUE_VIEW (ar_window_get_queue_view (win))),
                    ==, 0);
  g_object_get (adw_view_stack_get_page (ADW_VIEW_STACK (gtk_widget_get_ancestor (
                  ar_window_get_queue_view (win), ADW_TYPE_VIEW_STACK)),
                  ar_window_get_queue_view (win)), "badge-number", &badge, NULL);
  g_assert_cmpuint (badge, ==, 0);
  g_assert_true (shows_status_page (GTK_WIDGET (win), "Nothing to Do Today"));
  ar_ui_save_screenshot (GTK_WIDGET (win), "today-empty-800x600-light.png");
  gtk_window_destroy (GTK_WINDOW (win));
  g_object_unref (win);
}

/* The row's Snooze button opens a popover with a calendar a week ahead and a reason. */
static void
test_queue_snooze_popover (void)
{
  GtkWidget *button = find_first (GTK_WIDGET (queue_view ()), GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  ar_ui_iterate_for (400);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (popover)));
  /* A popover is a surface of its own: the window's picture does not have it. */
  ar_ui_save_screenshot (GTK_WIDGET (popover), "today-snooze-popover-light.png");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  ar_ui_iterate_for (200);
}

/* Snooze: one write (a snooze hold and the note that sets the next action date); the item
 * leaves the queue, and the count with it. */
static void
test_queue_snooze (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = ar_queue_view_dup_debtors (queue_view ());
  g_auto(GStrv) after = NULL;
  g_autoptr(ArQueue) queue = NULL;
  guint n = ar_queue_view_get_n_items (queue_view ());
  guint holds = 0;
  gint64 debtor_id = ar_ledger_lookup_debtor (ledger, before[0]);

  ar_ui_wait_for (queue_loaded, NULL, "the work queue");
  g_assert_true (ar_queue_view_snooze (queue_view (), before[0], today + 7,
                                       "Waiting for the insurer", &error));
  g_assert_no_error (error);
  ar_ui_wait_for (queue_loaded, NULL, "the work queue after the snooze");
  g_assert_cmpuint (ar_queue_view_get_n_items (queue_view ()), ==, n - 1);
  after = ar_queue_view_dup_debtors (queue_view ());
  g_assert_false (g_strv_contains ((const char * const *) after, before[0]));
  queue = core_queue ();
  g_assert_cmpuint (ar_queue_get_n_items (queue), ==, n - 1);

  /* The snooze keeps the debtor out of dunning runs too. */
  g_assert_true (ar_hold_list_for_debtor (ledger, debtor_id, count_snoozes, &holds, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (holds, ==, 1);
}

static gboolean
no_letters_pending (gpointer data)
{
  return ar_queue_view_get_n_letters_pending (queue_view ()) == 0 &&
         ar_queue_view_get_complete (queue_view ());
}

static gboolean
find_letter (const ArActivityRow *row,
             gpointer             user_data)
{
  if (row->kind == AR_ACTIVITY_LETTER && row->document_sha256 != NULL)
    *(gboolean *) user_data = TRUE;
  return TRUE;
}

/* "Send the letter": the debtor's next dunning letter, rendered and recorded through the core
 * for that debtor alone; the PDF is kept with the activity and copied for printing. */
static void
test_queue_letter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArQueue) queue = core_queue ();
  g_autoptr(ArDunningPreview) before = ar_dunning_preview_new (ledger, today, NULL, &error);
  g_autoptr(ArDunningPreview) after = NULL;
  g_autofree char *dir = g_build_filename (tmp_dir, "cache", "arrears", "letters", NULL);
  g_autoptr(GDir) letters = NULL;
  g_auto(GStrv) shown = NULL;
  const char *external_id = NULL;
  gint64 debtor_id;
  gboolean found = FALSE;
  guint proposed_before = 0, proposed_after = 0;

  g_assert_no_error (error);
  /* The most urgent letter due (a hand-over has none). */
  for (guint i = 0; i < ar_queue_get_n_items (queue) && external_id == NULL; i++)
    {
      const ArQueueItem *item = ar_queue_get_item (queue, i);

      if (item->kind == AR_QUEUE_DUNNING_DUE && (item->actions & AR_QUEUE_ACTION_LETTER))
        external_id = item->debtor_external_id;
    }
  g_assert_nonnull (external_id);
  debtor_id = ar_ledger_lookup_debtor (ledger, external_id);
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (before); i++)
    proposed_before += ar_dunning_preview_get_proposal (before, i)->outcome == AR_DUNNING_PROPOSED;
  ar_queue_view_send_letter (queue_view (), external_id);
  ar_ui_wait_for (no_letters_pending, NULL, "the letter");
  shown = ar_queue_view_dup_debtors (queue_view ());
  g_assert_false (g_strv_contains ((const char * const *) shown, external_id));

  g_assert_true (ar_ledger_list_activities (ledger, debtor_id, find_letter, &found, &error));
  g_assert_no_error (error);
  g_assert_true (found);
  after = ar_dunning_preview_new (ledger, today, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (after); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (after, i);

      proposed_after += p->outcome == AR_DUNNING_PROPOSED;
      if (p->debtor_id == debtor_id)
        g_assert_cmpint (p->outcome, !=, AR_DUNNING_PROPOSED);
    }
  g_assert_cmpuint (proposed_after, ==, proposed_before - 1);
  letters = g_dir_open (dir, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_dir_read_name (letters));
}

/* Dunning ----------------------------------------------------------------------------------- */

static guint
core_proposed (ArDunningPreview *preview,
               const char       *external_id)
{
  guint n = 0;

  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

      if (p->outcome == AR_DUNNING_PROPOSED &&
          (external_id == NULL || g_str_equal (p->external_id, external_id)))
        n++;
    }
  return n;
}

static char *deselected_id, *deselected_name, *kept_id, *kept_name;

static void
test_dunning_preview (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDunningPreview) preview = ar_dunning_preview_new (ledger, today, NULL, &error);
  guint proposed;

  g_assert_no_error (error);
  proposed = core_proposed (preview, NULL);
  g_assert_cmpuint (proposed, >=, 5);
  ar_window_show_view (window, "dunning");
  g_assert_cmpstr (ar_dunning_view_get_state (dunning_view ()), ==, "idle");
  ar_dunning_view_set_as_of (dunning_view (), today);

  /* The bar shows the core's progress while the preview runs. The worker's answer is held
   * back (its GTask returns to a main context of its own, iterated only afterwards), so the
   * view is still previewing when the bar, read from the worker's reports every 100 ms on the
   * window's main context, shows a fraction. */
  {
    g_autoptr(GMainContext) held = g_main_context_new ();
    const char *text = NULL;

    g_main_context_push_thread_default (held);
    ar_dunning_view_preview (dunning_view ());
    g_main_context_pop_thread_default (held);
    g_assert_cmpstr (ar_dunning_view_get_state (dunning_view ()), ==, "previewing");
    ar_ui_wait_for (progress_shown, NULL, "the preview's progress");
    g_assert_cmpstr (ar_dunning_view_get_state (dunning_view ()), ==, "previewing");
    g_assert_cmpfloat (ar_dunning_view_get_progress (dunning_view (), &text), >, 0);
    g_assert_cmpfloat (ar_dunning_view_get_progress (dunning_view (), NULL), <=, 1);
    g_test_message ("progress: %.2f, “%s”", ar_dunning_view_get_progress (dunning_view (), NULL),
                    text);
    g_assert_nonnull (strstr (text, " of "));
    ar_ui_iterate_for (400);
    ar_ui_save_screenshot (GTK_WIDGET (window), "dunning-previewing-1280x800-light.png");
    g_assert_cmpstr (ar_dunning_view_get_state (dunning_view ()), ==, "previewing");
    while (!dunning_in_state ((gpointer) "preview"))
      g_main_context_iteration (held, TRUE);
  }
  g_assert_cmpuint (ar_dunning_view_get_n_proposed (dunning_view ()), ==, proposed);
  g_assert_cmpuint (ar_dunning_view_get_n_excluded (dunning_view ()), ==,
                    ar_dunning_preview_get_n_proposals (preview) - proposed);
  g_assert_cmpuint (ar_dunning_view_get_n_excluded (dunning_view ()), >, 0);

  /* Two letters with plain names, one to deselect and one to keep. */
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      const ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

      if (p->outcome != AR_DUNNING_PROPOSED || p->hand_over || !g_str_is_ascii (p->name) ||
          core_proposed (preview, p->external_id) != 1)
        continue;
      if (deselected_id == NULL)
        {
          deselected_id = g_strdup (p->external_id);
          deselected_name = g_strdup (p->name);
        }
      else if (kept_id == NULL)
        {
          kept_id = g_strdup (p->external_id);
          kept_name = g_strdup (p->name);
        }
    }
  g_assert_nonnull (kept_id);
}

/* Cancel during a preview leaves the earlier one; made letters that are never committed
 * leave the ledger as it was. */
static void
test_dunning_abandon (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDunningPreview) after = NULL;
  guint proposed = ar_dunning_view_get_n_proposed (dunning_view ());

  ar_dunning_view_create_letters (dunning_view ());
  ar_dunning_view_cancel (dunning_view ());
  g_assert_cmpstr (ar_dunning_view_get_state (dunning_view ()), ==, "preview");
  ar_dunning_view_create_letters (dunning_view ());
  ar_ui_wait_for (dunning_in_state, (gpointer) "letters", "the letters");
  g_assert_nonnull (ar_dunning_view_get_letters (dunning_view ()));

  /* Preview again instead of committing. */
  ar_dunning_view_preview (dunning_view ());
  ar_ui_wait_for (dunning_in_state, (gpointer) "preview", "the second preview");
  g_assert_null (ar_dunning_view_get_letters (dunning_view ()));
  after = ar_dunning_preview_new (ledger, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (core_proposed (after, NULL), ==, proposed);
  g_assert_cmpuint (ar_dunning_view_get_n_proposed (dunning_view ()), ==, proposed);
}

static void
test_dunning_screenshots (void)
{
  screenshots ("dunning");
}

static void
test_dunning_commit (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ArDunningPreview) second = NULL;
  g_autofree char *pdf = g_build_filename (tmp_dir, "letters.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *expected = NULL;
  GBytes *letters;
  guint proposed = ar_dunning_view_get_n_proposed (dunning_view ());

  g_assert_true (ar_dunning_view_set_selected (dunning_view (), deselected_id, FALSE));
  /* The letters' progress, seen while they are still being made (the answer held back). */
  {
    g_autoptr(GMainContext) held = g_main_context_new ();
    const char *shown = NULL;

    g_main_context_push_thread_default (held);
    ar_dunning_view_create_letters (dunning_view ());
    g_main_context_pop_thread_default (held);
    ar_ui_wait_for (progress_shown, NULL, "the letters' progress");
    g_assert_cmpstr (ar_dunning_view_get_state (dunning_view ()), ==, "rendering");
    ar_dunning_view_get_progress (dunning_view (), &shown);
    g_test_message ("letters progress: “%s”", shown);
    g_assert_nonnull (strstr (shown, "Making the letters: "));
    while (!dunning_in_state ((gpointer) "letters"))
      g_main_context_iteration (held, TRUE);
  }
  letters = ar_dunning_view_get_letters (dunning_view ());
  g_assert_nonnull (letters);
  ar_ui_iterate_for (400);
  ar_ui_save_screenshot (GTK_WIDGET (window), "dunning-letters-1280x800-light.png");
  g_assert_true (g_file_set_contents (pdf, g_bytes_get_data (letters, NULL),
                                      g_bytes_get_size (letters), &error));
  {
    g_autofree char *copy = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots",
                                              "dunning-letters.pdf", NULL);

    g_assert_true (g_file_set_contents (copy, g_bytes_get_data (letters, NULL),
                                        g_bytes_get_size (letters), &error));
  }
  if (ar_test_have_tools ("pdftotext", NULL))
    {
      text = ar_test_run_tool ("pdftotext", "-layout", pdf, "-", NULL);
      g_assert_nonnull (strstr (text, kept_name));
      g_assert_null (strstr (text, deselected_name));
    }

  /* Changing the selection asks for the letters again. */
  g_assert_true (ar_dunning_view_set_selected (dunning_view (), kept_id, FALSE));
  g_assert_cmpstr (ar_dunning_view_get_state (dunning_view ()), ==, "preview");
  g_assert_true (ar_dunning_view_set_selected (dunning_view (), kept_id, TRUE));
  ar_dunning_view_create_letters (dunning_view ());
  ar_ui_wait_for (dunning_in_state, (gpointer) "letters", "the letters again");

  /* Print… opens GTK's print dialog over the window (GtkPrintOperation's, no printer needed to
   * get there); cancelling it prints nothing and says nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dunning_view ()), "dunning.print", NULL));
  ar_ui_iterate_for (300);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *print = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) top = g_list_model_get_item (toplevels, i);

        if (g_str_equal (G_OBJECT_TYPE_NAME (top), "GtkPrintUnixDialog"))
          print = top;
      }
    g_assert_nonnull (print);
    gtk_dialog_response (GTK_DIALOG (print), GTK_RESPONSE_CANCEL);
    ar_ui_iterate_for (200);
  }

  /* The batch through the shared print path, exported to a PDF: every letter's page is drawn. */
  {
    g_autofree char *printed = g_build_filename (tmp_dir, "letters-printed.pdf", NULL);
    g_autofree char *uri = g_filename_to_uri (printed, NULL, NULL);
    g_autoptr(GAsyncResult) printing = NULL;
    PopplerDocument *made, *out;

    ar_dunning_view_print_async (dunning_view (), printed, store_result_cb, &printing);
    ar_ui_wait_for (is_set, &printing, "the letters to print");
    g_assert_cmpint (ar_dunning_view_print_finish (dunning_view (), printing, &error), ==,
                     GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    made = poppler_document_new_from_bytes (ar_dunning_view_get_letters (dunning_view ()), NULL,
                                            &error);
    g_assert_no_error (error);
    out = poppler_document_new_from_file (uri, NULL, &error);
    g_assert_no_error (error);
    g_test_message ("letters: %d pages made, %d printed", poppler_document_get_n_pages (made),
                    poppler_document_get_n_pages (out));
    g_assert_cmpint (poppler_document_get_n_pages (made), >=, 2);
    g_assert_cmpint (poppler_document_get_n_pages (out), ==, poppler_document_get_n_pages (made));
    g_object_unref (made);
    g_object_unref (out);
    if (ar_test_have_tools ("pdftotext", NULL))
      {
        g_autofree char *printed_text = ar_test_run_tool ("pdftotext", "-layout", printed, "-",
                                                          NULL);

        g_assert_nonnull (strstr (printed_text, kept_name));
      }
    {
      g_autofree char *kept = g_build_filename (g_test_get_dir (G_TEST_BUILT), "screenshots",
                                                "dunning-letters-printed.pdf", NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (printed, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (kept, contents, length, NULL));
    }
  }

  summary = ar_dunning_view_dup_commit_summary (dunning_view ());
  g_test_message ("commit: %s", summary);
  g_assert_nonnull (strstr (summary, "letters will be recorded as sent"));
  /* The commit's progress, seen while it is still committing (its answer held back as the
   * preview's was). */
  {
    g_autoptr(GMainContext) held = g_main_context_new ();
    const char *shown = NULL;

    g_main_context_push_thread_default (held);
    ar_dunning_view_commit (dunning_view ());
    g_main_context_pop_thread_default (held);
    ar_ui_wait_for (progress_shown, NULL, "the commit's progress");
    g_assert_cmpstr (ar_dunning_view_get_state (dunning_view ()), ==, "committing");
    ar_dunning_view_get_progress (dunning_view (), &shown);
    g_test_message ("commit progress: “%s”", shown);
    g_assert_nonnull (strstr (shown, "Recording the letters: "));
    while (!dunning_in_state ((gpointer) "committed"))
      g_main_context_iteration (held, TRUE);
  }

  /* The same day again: only the deselected debtor is proposed. */
  second = ar_dunning_preview_new (ledger, today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (core_proposed (second, deselected_id), ==, 1);
  g_assert_cmpuint (core_proposed (second, kept_id), ==, 0);
  g_assert_cmpuint (core_proposed (second, NULL), ==, 1);
  ar_dunning_view_preview (dunning_view ());
  ar_ui_wait_for (dunning_in_state, (gpointer) "preview", "the preview after the commit");
  g_assert_cmpuint (ar_dunning_view_get_n_proposed (dunning_view ()), ==, 1);
  g_assert_cmpuint (proposed, >, 1);
}

/* Preferences ▸ Dunning --------------------------------------------------------------------- */

static void
test_levels_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) levels = NULL;
  ArDunningLevelsPage *page = ar_dunning_levels_page_new (ledger);
  GtkWidget *win = adw_preferences_window_new ();
  GtkEditable *days, *deadline;

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (win), ADW_PREFERENCES_PAGE (page));
  days = ar_dunning_levels_page_get_field (page, 2, "days_past_due");
  deadline = ar_dunning_levels_page_get_field (page, 2, "deadline_days");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (gtk_widget_get_ancestor (GTK_WIDGET (days),
                                                                          ADW_TYPE_EXPANDER_ROW)),
                                 TRUE);
  ar_ui_present_at (GTK_WINDOW (win), 640, 720);
  ar_ui_iterate_for (200);
  g_assert_null (ar_dunning_levels_page_get_problem (page, 2));

  /* Below level 1's days: the core's rule, shown on the row; Save refuses. */
  gtk_editable_set_text (days, "3");
  g_assert_nonnull (ar_dunning_levels_page_get_problem (page, 2));
  g_test_message ("problem: %s", ar_dunning_levels_page_get_problem (page, 2));
  g_assert_nonnull (strstr (ar_dunning_levels_page_get_problem (page, 2), "Days past due: "));
  g_assert_nonnull (strstr (ar_dunning_levels_page_get_problem (page, 2), "level 1"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (days), "error"));
  g_assert_false (ar_dunning_levels_page_save (page, 2, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (win, "levels-invalid-light.png");

  gtk_editable_set_text (days, "three weeks");
  g_assert_nonnull (strstr (ar_dunning_levels_page_get_problem (page, 2), "whole number"));

  gtk_editable_set_text (days, "25");
  gtk_editable_set_text (deadline, "5");
  g_assert_nonnull (ar_dunning_levels_page_get_problem (page, 2));
  gtk_editable_set_text (deadline, "14");
  g_assert_null (ar_dunning_levels_page_get_problem (page, 2));

  g_assert_true (ar_dunning_levels_page_save (page, 2, &error));
  g_assert_no_error (error);
  levels = ar_dunning_levels_load (ledger, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_array_index (levels, ArDunningLevel, 1).days_past_due, ==, 25);
  gtk_window_destroy (GTK_WINDOW (win));
}

/* The book's interest calculator: simple at 8 %, the APR row only for simple, a bad rate
 * refused inline and by Save; then back to none. */
static void
test_levels_page_interest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *regime = NULL;
  gint64 apr_bp = -1;
  ArDunningLevelsPage *page = ar_dunning_levels_page_new (ledger);
  GtkWidget *win = adw_preferences_window_new ();
  AdwComboRow *row = ar_dunning_levels_page_get_regime_row (page);
  GtkEditable *apr = ar_dunning_levels_page_get_apr_row (page);

  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (win), ADW_PREFERENCES_PAGE (page));
  ar_ui_present_at (GTK_WINDOW (win), 640, 900);
  ar_ui_iterate_for (200);
  g_assert_true (ar_dunning_set_interest_regime (ledger, 0, "none", 0, &error));
  g_assert_no_error (error);

  adw_combo_row_set_selected (row, 1 /* simple */);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (apr)));
  gtk_editable_set_text (apr, "eight");
  g_assert_nonnull (ar_dunning_levels_page_get_interest_problem (page));
  g_assert_nonnull (strstr (ar_dunning_levels_page_get_interest_problem (page), "eight"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (apr), "error"));
  g_assert_false (ar_dunning_levels_page_save_interest (page, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (win, "levels-interest-invalid-light.png");

  gtk_editable_set_text (apr, "8 %");
  g_assert_null (ar_dunning_levels_page_get_interest_problem (page));
  g_assert_true (ar_dunning_levels_page_save_interest (page, &error));
  g_assert_no_error (error);
  g_assert_true (ar_dunning_get_interest_regime (ledger, 0, &regime, &apr_bp, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (regime, ==, "simple");
  g_assert_cmpint (apr_bp, ==, 800);
  /* Reloaded from the ledger: the rate as stored. */
  g_assert_cmpstr (gtk_editable_get_text (apr), ==, "8.00");
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (win, "levels-interest-light.png");

  adw_combo_row_set_selected (row, 3 /* eu-b2b */);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (apr)));
  g_assert_true (ar_dunning_levels_page_save_interest (page, &error));
  g_clear_pointer (&regime, g_free);
  g_assert_true (ar_dunning_get_interest_regime (ledger, 0, &regime, &apr_bp, &error));
  g_assert_cmpstr (regime, ==, "eu-b2b");

  adw_combo_row_set_selected (row, 0);
  g_assert_true (ar_dunning_levels_page_save_interest (page, &error));
  g_clear_pointer (&regime, g_free);
  g_assert_true (ar_dunning_get_interest_regime (ledger, 0, &regime, &apr_bp, &error));
  g_assert_cmpstr (regime, ==, "none");
  gtk_window_destroy (GTK_WINDOW (win));
}

static void
collect_buttons (GtkWidget  *widget,
                 const char *label,
                 GPtrArray  *found)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, label, found);
}

static gboolean
count_debtor_holds (const ArHold *hold,
                    gpointer      user_data)
{
  if (g_strcmp0 (hold->external_id, kept_id) == 0)
    (*(guint *) user_data)++;
  return TRUE;
}

/* The debtor pane's Holds section ------------------------------------------------------------ */

static void
test_holds_section (void)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *pane = ar_window_get_debtor_pane (window);
  ArHoldsSection *section;
  guint before;

  g_assert_true (ar_window_open_debtor (window, kept_id));
  ar_ui_iterate_for (200);
  g_assert_cmpstr (ar_account_get_external_id (ar_debtor_pane_get_account (AR_DEBTOR_PANE (pane))),
                   ==, kept_id);
  ar_debtor_pane_show_section (AR_DEBTOR_PANE (pane), "holds");
  section = AR_HOLDS_SECTION (find_first (pane, AR_TYPE_HOLDS_SECTION));
  before = ar_holds_section_get_n_holds (section);
  g_assert_true (ar_holds_section_place (section, TRUE, 0, "Disputes the March invoice",
                                         &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ar_holds_section_get_n_holds (section), ==, before + 1);
  ar_ui_iterate_for (300);
  ar_ui_save_screenshot (GTK_WIDGET (window), "holds-1280x800-light.png");

  /* Release: the row's button; the hold stays listed, released, and is no longer in force. */
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    guint in_force = 0;

    collect_buttons (GTK_WIDGET (section), "Release", buttons);
    g_assert_cmpuint (buttons->len, ==, 1);
    g_signal_emit_by_name (buttons->pdata[0], "clicked");
    g_assert_cmpuint (ar_holds_section_get_n_holds (section), ==, before + 1);
    g_assert_true (ar_holds_in_force (ledger, today + 1, count_debtor_holds, &in_force, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (in_force, ==, 0);
    g_ptr_array_set_size (buttons, 0);
    collect_buttons (GTK_WIDGET (section), "Release", buttons);
    g_assert_cmpuint (buttons->len, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/arrears/Arrears/icons");
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (css, "/io/github/arrears/Arrears/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  tmp_dir = g_dir_make_tmp ("arrears-views-XXXXXX", &error);
  g_assert_no_error (error);
  /* The queue's letters are copied to the cache directory for printing. */
  {
    g_autofree char *cache = g_build_filename (tmp_dir, "cache", NULL);

    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
  }

  g_test_add_func ("/views/open", test_open);
  g_test_add_func ("/views/queue-lists", test_queue_lists);
  g_test_add_func ("/views/queue-screenshots", test_queue_screenshots);
  g_test_add_func ("/views/queue-empty", test_queue_empty);
  g_test_add_func ("/views/queue-snooze-popover", test_queue_snooze_popover);
  g_test_add_func ("/views/queue-snooze", test_queue_snooze);
  g_test_add_func ("/views/queue-letter", test_queue_letter);
  g_test_add_func ("/views/dunning-preview", test_dunning_preview);
  g_test_add_func ("/views/dunning-abandon", test_dunning_abandon);
  g_test_add_func ("/views/dunning-screenshots", test_dunning_screenshots);
  g_test_add_func ("/views/dunning-commit", test_dunning_commit);
  g_test_add_func ("/views/levels-page", test_levels_page);
  g_test_add_func ("/views/levels-page-interest", test_levels_page_interest);
  g_test_add_func ("/views/holds-section", test_holds_section);
  /* Last: a second large window. */
  g_test_add_func ("/views/queue-capped", test_queue_capped);

  status = g_test_run ();

  if (window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (window));
      g_clear_object (&window);
    }
  g_clear_object (&ledger);
  g_free (deselected_id);
  g_free (deselected_name);
  g_free (kept_id);
  g_free (kept_name);
  ar_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}
