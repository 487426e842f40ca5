/* SPDX-FileCopyrightText: 2026 The Arrears authors
 * SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "ar-demo-desk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "ar-activity.h"
#include "ar-date.h"
#include "ar-demo-private.h"
#include "ar-dunning-run.h"
#include "ar-hold.h"
#include "ar-ledger-edit.h"
#include "ar-ledger-private.h"
#include "ar-plan.h"
#include "ar-plan-status.h"
#include "ar-promise.h"

/* The demo book's collections desk. Everything goes through the public write functions, so
 * that the demo shows what Arrears itself records (and `arrears-cli check` holds): their
 * per-call validation costs about a millisecond, which is why only the first
 * AR_DEMO_DESK_DEBTORS debtors get a desk. The roles are dealt in a fixed order to the
 * candidates as they come; a role a candidate can't take (a plan whose instalments would fall
 * below the book's minimum) passes to the next one. */

typedef enum
{
  ROLE_NONE,
  ROLE_PLAN_PERFORMING,
  ROLE_PLAN_MISSED,
  ROLE_PLAN_DEFAULTED,
  ROLE_PLAN_COMPLETED,
  ROLE_PROMISE_BROKEN,
  ROLE_AGENCY,
  ROLE_DISPUTE_INVOICE,
  ROLE_PROMISE_PENDING,
  ROLE_PROMISE_DUE_TODAY,
  ROLE_PROMISE_KEPT,
  ROLE_SNOOZE_ENDING,
  ROLE_SNOOZE_LATER,
  ROLE_FOLLOW_UP_TODAY,
  ROLE_FOLLOW_UP_PAST,
} Role;

/* Debtors who stopped paying months ago. ROLE_NONE leaves some for the dunning runs alone.
 * Two hand-overs in the first round, so that a small book shows both of MAX_AGENCY (the
 * statuses drawn at random, which used to add more, are gone: see ar-demo.c). */
static const Role delinquent_roles[] = {
  ROLE_PLAN_PERFORMING, ROLE_PLAN_MISSED, ROLE_PLAN_DEFAULTED, ROLE_PLAN_COMPLETED,
  ROLE_PROMISE_BROKEN, ROLE_AGENCY, ROLE_DISPUTE_INVOICE, ROLE_NONE, ROLE_AGENCY,
};

/* Debtors who pay late. */
static const Role slow_roles[] = {
  ROLE_PROMISE_PENDING, ROLE_PROMISE_DUE_TODAY, ROLE_PROMISE_KEPT, ROLE_SNOOZE_ENDING,
  ROLE_SNOOZE_LATER, ROLE_FOLLOW_UP_TODAY, ROLE_FOLLOW_UP_PAST, ROLE_NONE,
};

/* Agencies take the worst cases only: a couple per book. */
#define MAX_AGENCY 2

/* Days before today of the dunning runs that sent the letters already on file. */
static const guint run_days_ago[] = { 42, 28, 14 };

typedef struct
{
  ArLedger  *ledger;
  guint32    today;
  guint      n_agency;
} Desk;

static GDateTime *
day_time (guint32 julian,
          int     hour)
{
  GDate date;

  ar_date_from_julian (julian, &date);
  return g_date_time_new_utc (g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), hour, 0, 0);
}

static gboolean
log_activity (Desk            *desk,
              gint64           debtor_id,
              ArActivityKind   kind,
              guint32          day,
              const char      *outcome,
              const char      *summary,
              guint32          next_action,
              GError         **error)
{
  g_autoptr(GDateTime) when = day_time (day, 10);
  ArActivityInfo info = {
    .debtor_id = debtor_id,
    .kind = kind,
    .direction = kind == AR_ACTIVITY_NOTE ? AR_DIRECTION_NONE : AR_DIRECTION_OUT,
    .occurred_at = when,
    .outcome = outcome,
    .summary = summary,
    .next_action_date = next_action,
  };

  return ar_ledger_add_activity (desk->ledger, &info, NULL, error);
}

/* What the debtor has open in its currency (the draft's running total), or 0. */
static gint64
open_total (Desk                  *desk,
            const ArDemoCandidate *c)
{
  g_autoptr(ArPlanDraft) draft = ar_plan_draft_new (desk->ledger, c->debtor_id, c->currency,
                                                    desk->today, NULL);

  return draft != NULL ? ar_plan_draft_get_covered_total (draft) : 0;
}

/* Pays rows @first … @last (1-based instalments) of @plan_id on their due days. */
static gboolean
pay_rows (Desk     *desk,
          gint64    plan_id,
          guint     first,
          guint     last,
          GError  **error)
{
  g_autoptr(ArPlan) plan = ar_ledger_get_plan (desk->ledger, plan_id, desk->today, error);

  if (plan == NULL)
    return FALSE;
  for (guint i = 0; i < plan->instalments->len; i++)
    {
      const ArPlanInstalment *row = &g_array_index (plan->instalments, ArPlanInstalment, i);
      g_autofree char *reference = NULL;

      if (row->seq < first || row->seq > last)
        continue;
      reference = g_strdup_printf ("PLAN-%" G_GINT64_FORMAT "-%u", plan_id, row->seq);
      if (!ar_ledger_post_plan_payment (desk->ledger, plan_id, row->amount, row->due, reference,
                                        NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* A monthly plan made @made_ago days ago, first due @first_ago days ago, with @paid of its
 * instalments paid on their days. FALSE without an error when the debt is too small for it. */
static gboolean
make_plan (Desk                  *desk,
           const ArDemoCandidate *c,
           guint                  made_ago,
           guint                  first_ago,
           guint                  n_instalments,
           guint                  paid,
           const char            *note,
           GError               **error)
{
  g_autoptr(ArPlanDraft) draft = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 plan_id;

  draft = ar_plan_draft_new (desk->ledger, c->debtor_id, c->currency, desk->today - made_ago,
                             &local_error);
  if (draft == NULL)
    return FALSE;
  ar_plan_draft_set_frequency (draft, AR_PLAN_MONTHLY);
  ar_plan_draft_set_first_due (draft, desk->today - first_ago);
  ar_plan_draft_set_note (draft, note);
  for (guint n = n_instalments; ; n--)
    {
      ar_plan_draft_set_n_instalments (draft, n);
      if (ar_plan_draft_validate (draft, NULL) || n <= paid + 1)
        break;
    }
  if (!ar_plan_draft_validate (draft, NULL))
    return FALSE;
  plan_id = ar_ledger_save_plan (desk->ledger, draft, &local_error);
  if (plan_id == 0)
    {
      /* Terms the book refuses are a reason to try the next debtor; anything else is not. */
      if (local_error->domain == AR_PLAN_ERROR)
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return paid == 0 || pay_rows (desk, plan_id, 1, paid, error);
}

static gboolean
make_promise (Desk                  *desk,
              const ArDemoCandidate *c,
              guint32                made_on,
              guint32                date,
              gboolean               keep,
              GError               **error)
{
  gint64 open = open_total (desk, c);
  ArPromiseInfo info = {
    .debtor_id = c->debtor_id,
    .currency = c->currency,
    .amount = open / 2,
    .date = date,
    .channel = AR_ACTIVITY_CALL,
    .note = _("Promised on the phone to pay half now and the rest next month."),
    .made_on = made_on,
  };

  if (info.amount <= 0)
    return FALSE;
  if (ar_ledger_add_promise (desk->ledger, &info, error) == 0)
    return FALSE;
  if (keep)
    {
      ArPosting payment = {
        .debtor_id = c->debtor_id,
        .kind = AR_ENTRY_PAYMENT,
        .date = date - 1,
        .amount = info.amount,
        .currency = c->currency,
        .reference = "PROMISE",
      };

      return ar_ledger_post (desk->ledger, &payment, NULL, error);
    }
  return TRUE;
}

static gboolean
place_hold (Desk                  *desk,
            const ArDemoCandidate *c,
            ArHoldKind             kind,
            gint64                 invoice_id,
            const char            *reason,
            guint32                start,
            guint32                until,
            GError               **error)
{
  ArHoldInfo info = {
    .debtor_id = c->debtor_id,
    .invoice_id = invoice_id,
    .kind = kind,
    .reason = reason,
    .start = start,
    .until = until,
  };

  return ar_hold_place (desk->ledger, &info, NULL, error);
}

/* The debtor's oldest open invoice, or 0. */
static gint64
oldest_open_invoice (Desk                  *desk,
                     const ArDemoCandidate *c)
{
  g_autoptr(ArPlanDraft) draft = ar_plan_draft_new (desk->ledger, c->debtor_id, c->currency,
                                                    desk->today, NULL);
  gint64 best = 0;
  guint32 best_due = G_MAXUINT32;

  for (guint i = 0; draft != NULL && i < ar_plan_draft_get_n_items (draft); i++)
    {
      const ArPlanItem *item = ar_plan_draft_get_item (draft, i);

      if (item->due_date < best_due)
        {
          best = item->invoice_id;
          best_due = item->due_date;
        }
    }
  return best;
}

/* Plays @role for @c. *@taken is FALSE when the candidate can't take it (no error). */
static gboolean
play (Desk                  *desk,
      const ArDemoCandidate *c,
      Role                   role,
      gboolean              *taken,
      GError               **error)
{
  guint32 t = desk->today;
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  *taken = TRUE;
  switch (role)
    {
    case ROLE_PLAN_PERFORMING:
      /* Instalments a month apart since two months ago, both paid; the third is due today. */
      ok = make_plan (desk, c, 70, 60, 6, 2, _("Agreed after the second notice."), &local_error);
      break;
    case ROLE_PLAN_MISSED:
      /* The first paid, the second (ten days ago) not: one missed, still running. */
      ok = make_plan (desk, c, 45, 40, 6, 1, _("Pays on the 1st when the salary comes in."),
                      &local_error);
      break;
    case ROLE_PLAN_DEFAULTED:
      /* The first paid, then two missed in a row: defaulted a month ago. */
      ok = make_plan (desk, c, 100, 90, 6, 1, _("Asked for small instalments."), &local_error);
      break;
    case ROLE_PLAN_COMPLETED:
      ok = make_plan (desk, c, 120, 110, 3, 3, _("Three instalments over the summer."),
                      &local_error);
      break;
    case ROLE_PROMISE_BROKEN:
      ok = make_promise (desk, c, t - 25, t - 14, FALSE, &local_error);
      break;
    /* A pending promise shows in the list as the status promise, as an office sets it. */
    case ROLE_PROMISE_PENDING:
      ok = make_promise (desk, c, t - 2, t + 5, FALSE, &local_error) &&
           ar_ledger_set_debtor_status (desk->ledger, c->debtor_id, AR_STATUS_PROMISE,
                                        &local_error);
      break;
    case ROLE_PROMISE_DUE_TODAY:
      ok = make_promise (desk, c, t - 6, t, FALSE, &local_error) &&
           ar_ledger_set_debtor_status (desk->ledger, c->debtor_id, AR_STATUS_PROMISE,
                                        &local_error);
      break;
    case ROLE_PROMISE_KEPT:
      ok = make_promise (desk, c, t - 20, t - 10, TRUE, &local_error);
      break;
    case ROLE_AGENCY:
      if (desk->n_agency >= MAX_AGENCY)
        return TRUE;  /* played as ROLE_NONE */
      ok = log_activity (desk, c->debtor_id, AR_ACTIVITY_NOTE, t - 20, "handed_over",
                         _("No answer to the final demand: handed to the collection agency."),
                         0, &local_error) &&
           ar_ledger_set_debtor_status (desk->ledger, c->debtor_id, AR_STATUS_AGENCY,
                                        &local_error);
      desk->n_agency += ok ? 1 : 0;
      break;
    case ROLE_DISPUTE_INVOICE:
      {
        gint64 invoice_id = oldest_open_invoice (desk, c);

        ok = invoice_id != 0 &&
             place_hold (desk, c, AR_HOLD_DISPUTE, invoice_id,
                         _("Says the work on this invoice was never finished."), t - 30, 0,
                         &local_error);
      }
      break;
    case ROLE_SNOOZE_ENDING:
      ok = place_hold (desk, c, AR_HOLD_SNOOZE, 0, _("In hospital; call again when back home."),
                       t - 21, t, &local_error);
      break;
    case ROLE_SNOOZE_LATER:
      ok = place_hold (desk, c, AR_HOLD_SNOOZE, 0, _("Waiting for the insurer to pay."), t - 10,
                       t + 14, &local_error);
      break;
    case ROLE_FOLLOW_UP_TODAY:
      ok = log_activity (desk, c->debtor_id, AR_ACTIVITY_CALL, t - 3, "no_answer",
                         _("No answer; left a voicemail. Try again."), t, &local_error);
      break;
    case ROLE_FOLLOW_UP_PAST:
      ok = log_activity (desk, c->debtor_id, AR_ACTIVITY_CALL, t - 9, "callback_requested",
                         _("Asked to be called back after the weekend."), t - 4, &local_error);
      break;
    case ROLE_NONE:
    default:
      break;
    }
  if (!ok)
    {
      *taken = FALSE;
      if (local_error != NULL && local_error->domain != AR_PLAN_ERROR)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }
  return TRUE;
}

/* A one-page PDF standing in for the letter a past run sent (the core draws no PDFs; the
 * render layer does when a person runs dunning). ASCII only, so no font is embedded. */
static GBytes *
stand_in_letter (const ArDunningProposal *p,
                 guint32                  as_of)
{
  char day[11];
  g_autofree char *text = g_strdup_printf ("Demo book: level %u letter to %s of %s", p->level,
                                           p->external_id, ar_date_format_julian (as_of, day));
  g_autofree char *content = NULL;
  static const char * const objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >>"
    " >> /Contents 4 0 R >>",
    NULL,  /* the content stream */
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[G_N_ELEMENTS (objects)];
  gsize xref;

  /* Only characters a PDF string takes unescaped. */
  g_strcanon (text, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 :-.", '-');
  content = g_strdup_printf ("BT /F1 12 Tf 72 770 Td (%s) Tj ET\n", text);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      if (objects[i] != NULL)
        g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
      else
        g_string_append_printf (pdf, "%u 0 obj\n<< /Length %zu >>\nstream\n%sendstream\nendobj\n",
                                i + 1, strlen (content), content);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %zu\n0000000000 65535 f \n", G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n",
                          G_N_ELEMENTS (objects) + 1, xref);
  return g_string_free_to_bytes (pdf);
}

/* A dunning run as of @as_of over the book as it stands, committed with stand-in letters. */
static gboolean
past_run (Desk     *desk,
          guint32   as_of,
          GError  **error)
{
  g_autoptr(ArDunningPreview) preview = ar_dunning_preview_new (desk->ledger, as_of, NULL, error);
  ArDunningCommitResult result;

  if (preview == NULL)
    return FALSE;
  for (guint i = 0; i < ar_dunning_preview_get_n_proposals (preview); i++)
    {
      ArDunningProposal *p = ar_dunning_preview_get_proposal (preview, i);

      if (p->outcome == AR_DUNNING_PROPOSED && !p->hand_over)
        {
          g_autoptr(GBytes) pdf = stand_in_letter (p, as_of);

          ar_dunning_proposal_set_document (p, pdf);
        }
    }
  return ar_dunning_run_commit (desk->ledger, preview, &result, error);
}

gboolean
_ar_demo_desk_build (ArLedger               *ledger,
                     const ArDemoCandidate  *candidates,
                     guint                   n_candidates,
                     guint32                 today,
                     GError                **error)
{
  Desk desk = { .ledger = ledger, .today = today };
  g_autofree Role *assigned = g_new0 (Role, n_candidates);
  guint next_delinquent = 0;
  guint next_slow = 0;
  guint misses = 0;

  /* Plans, promises and holds first: they are dated before the runs, which respect them. The
   * follow-up calls come last so that they are their debtors' latest activity. */
  for (guint i = 0; i < n_candidates; i++)
    {
      const ArDemoCandidate *c = &candidates[i];
      guint *next = c->delinquent ? &next_delinquent : &next_slow;
      const Role *roles = c->delinquent ? delinquent_roles : slow_roles;
      guint n_roles = c->delinquent ? G_N_ELEMENTS (delinquent_roles) : G_N_ELEMENTS (slow_roles);
      Role role = roles[*next % n_roles];
      gboolean taken = TRUE;

      if (role != ROLE_FOLLOW_UP_TODAY && role != ROLE_FOLLOW_UP_PAST &&
          !play (&desk, c, role, &taken, error))
        return FALSE;
      /* A role nobody can take (every debt too small for a plan) does not block the rest. */
      if (taken || ++misses == 3)
        {
          assigned[i] = taken ? role : ROLE_NONE;
          (*next)++;
          misses = 0;
        }
      if (!_ar_ledger_flush_debtor (ledger, c->debtor_id, error))
        return FALSE;
    }

  for (guint r = 0; r < G_N_ELEMENTS (run_days_ago); r++)
    if (!past_run (&desk, today - run_days_ago[r], error))
      return FALSE;

  for (guint i = 0; i < n_candidates; i++)
    {
      gboolean taken;

      if ((assigned[i] == ROLE_FOLLOW_UP_TODAY || assigned[i] == ROLE_FOLLOW_UP_PAST) &&
          !play (&desk, &candidates[i], assigned[i], &taken, error))
        return FALSE;
    }

  /* The completed and defaulted plans' debtors are no longer "plan" (ar-plan-status.h). */
  return ar_ledger_settle_plan_statuses (ledger, today, NULL, error);
}
