// <kal-token-review>: the DOM side of the TokenReview playground. Up front it only restores and
// journals the fields and the simulated clock, moves the clock, and offers lesson 2's users file from
// the workspace; working out the requests (src/tokens token-review-playground.ts) is update.ts,
// loaded on the first edit or click, or at once when a reload brings back work that differs from
// the defaults. Every field and the clock are kept for a reload; the tokens in the users file are
// lab credentials the reader made or the page's examples.
import { type FieldInput, FormLab } from '../shared/lab-element.ts';
import { readStrings } from '../shared/strings.ts';
import { journal, journalField, restoreFields } from '../shared/workspace-store.ts';

export const WIDGET = 'token-review';
/** Lesson 2's widget, whose `users` field is the reader's users file. */
const LESSON2 = 'webhook-config';

/** The clock as kept in the hidden `timeline` field (checked again by the model). */
interface Timeline {
  clock: number;
  sent: number[];
  removeAt?: number;
  removeAfter?: number;
}

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

class TokenReview extends FormLab {
  private lesson2Users = '';

  timeline(): Timeline {
    try {
      const v = JSON.parse(this.findField('timeline')?.value ?? '') as Timeline;
      if (Number.isInteger(v.clock) && Array.isArray(v.sent)) return v;
    } catch {
      // damaged: start again
    }
    return { clock: 0, sent: [] };
  }

  connectedCallback() {
    this.t = readStrings(this);
    this.onFieldEdits((target) => this.onEdit(target));
    this.addEventListener('click', (e) => {
      const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
      if (button) this.act(button);
    });
    this.showClock();
    void this.restore();
  }

  private onEdit(target: EventTarget | null) {
    const el = target as FieldInput | null;
    const name = el?.dataset?.field;
    if (!name || !el) return;
    if (name === 'failure') this.showAnswer();
    journalField(WIDGET, name, el, this.t);
    this.schedule();
  }

  private showAnswer() {
    const box = this.querySelector<HTMLElement>('[data-answer-edit]');
    if (box) box.hidden = this.findField('failure')?.value !== 'hand-written';
  }

  /** The clock's text, the remove button and the removal note. */
  private showClock() {
    const tl = this.timeline();
    const clock = this.querySelector('[data-clock]');
    if (clock) clock.textContent = this.t('tokenreview.clock', { time: mmss(tl.clock) });
    const remove = this.querySelector<HTMLButtonElement>('[data-action="remove"]');
    if (remove) remove.disabled = tl.removeAt !== undefined;
    const note = this.querySelector<HTMLElement>('[data-removed]');
    if (note) {
      note.hidden = tl.removeAt === undefined;
      note.textContent =
        tl.removeAt === undefined ? '' : this.t('tokenreview.removed', { time: mmss(tl.removeAt) });
    }
  }

  private setTimeline(tl: Timeline) {
    const f = this.findField('timeline');
    if (!f) return;
    f.value = JSON.stringify(tl);
    journal(WIDGET, { timeline: f.value });
    this.showClock();
    this.schedule(0);
  }

  private act(button: HTMLButtonElement) {
    const tl = this.timeline();
    switch (button.dataset.action) {
      case 'send':
        return this.setTimeline({ ...tl, sent: [...tl.sent, tl.clock] });
      case 'advance':
        return this.setTimeline({ ...tl, clock: tl.clock + Number(button.dataset.seconds ?? 0) });
      case 'remove':
        // Requests already sent at this second came before the removal.
        if (tl.removeAt !== undefined) return;
        return this.setTimeline({ ...tl, removeAt: tl.clock, removeAfter: tl.sent.length });
      case 'reset':
        return this.setTimeline({ clock: 0, sent: [] });
      case 'use-lesson2':
        return this.useLesson2();
    }
  }

  private async restore() {
    const { ws, saved } = await this.saved(WIDGET);
    const users = ws?.inputs[LESSON2]?.users;
    if (typeof users === 'string' && users.trim()) {
      this.lesson2Users = users;
      const offer = this.querySelector<HTMLElement>('[data-lesson2]');
      if (offer) offer.hidden = false;
    }
    // A field the reader typed into before the workspace answered keeps what they typed.
    const changed = restoreFields(this.fields, saved);
    this.showAnswer();
    this.showClock();
    if (changed) await this.update();
  }

  /** Lesson 2's users file replaces this one, and the request carries its first user's token. */
  private useLesson2() {
    const users = this.findField('users');
    const request = this.findField('request');
    if (!users || !request || !this.lesson2Users) return;
    users.value = this.lesson2Users;
    journalField(WIDGET, 'users', users, this.t);
    try {
      const first = (JSON.parse(this.lesson2Users) as { users: { token: string; username: string }[] })
        .users[0];
      const review = JSON.parse(request.value) as { spec?: Record<string, unknown> };
      if (first && review && typeof review === 'object') {
        review.spec = { ...(review.spec ?? {}), token: first.token };
        request.value = JSON.stringify(review, null, 2);
        journalField(WIDGET, 'request', request, this.t);
        const status = this.querySelector('[data-status]');
        if (status) status.textContent = this.t('tokenreview.usedLesson2', { user: first.username });
      }
    } catch {
      // the request or the file does not read: the fields say why after the update
    }
    this.schedule(0);
  }

  /** The requests and their answers (the code that works them out loads on first use). */
  protected async show(current: () => boolean) {
    const { showPlayground } = await import('./update.ts');
    if (current()) await showPlayground(this, this.values(), this.t, current);
  }
}

customElements.define('kal-token-review', TokenReview);
