'use client';

import { useId, useState, type FormEvent } from 'react';
import { REMINDER_COPY as COPY } from '@/lib/content/reminders';
import { FormStatus } from '@/app/_components/form-status';
import { useFormAction } from '@/app/_components/use-form-action';
import { makeCalendarLinkAction, saveRemindersAction, stopCalendarLinkAction } from '../reminder-actions';

type Props = {
  time: string;
  showNames: boolean;
  emailReminders: boolean;
  isMailConfigured: boolean;
  /** When the live calendar link was made ("Fri 27 Nov"), or null when there is none. */
  calendarSince: string | null;
};

/** The portal's Reminders: the patient's time, names in the calendar, reminder emails, and the calendar link. */
export function RemindersSection({ time, showNames, emailReminders, isMailConfigured, calendarSince }: Props) {
  const [saveState, onSave, isSaving] = useFormAction(saveRemindersAction, null);
  const [makeState, submitMake, isMaking] = useFormAction(makeCalendarLinkAction, null);
  const [stopState, submitStop, isStopping] = useFormAction(stopCalendarLinkAction, null);
  const [lastAsked, setLastAsked] = useState<'make' | 'stop' | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const linkFieldId = useId();
  // The link is shown once, right after it is made (only its hash is kept); stopping it hides it.
  const link = makeState?.ok && (lastAsked === 'make' || !stopState?.ok) ? makeState.data : null;
  const isStopped = lastAsked === 'stop' && stopState?.ok === true;
  const isOn = link !== null || (calendarSince !== null && !isStopped);

  function onMake(event: FormEvent<HTMLFormElement>) {
    setLastAsked('make');
    setCopied(null);
    submitMake(event);
  }

  function onStop(event: FormEvent<HTMLFormElement>) {
    setLastAsked('stop');
    submitStop(event);
  }

  async function copyLink(url: string) {
    try {
      // The clipboard API needs a secure page (https, or localhost); elsewhere copy the selected field.
      if (navigator.clipboard && window.isSecureContext) await navigator.clipboard.writeText(url);
      else {
        (document.getElementById(linkFieldId) as HTMLInputElement | null)?.select();
        if (!document.execCommand('copy')) throw new Error('copy refused');
      }
      setCopied(COPY.calendarCopied);
    } catch {
      setCopied('We could not copy it. Hold your finger on the link to copy it.');
    }
  }

  return (
    <section aria-labelledby="reminders-heading">
      <h2 id="reminders-heading">{COPY.heading}</h2>
      <p>{COPY.intro}</p>
      <div className="card">
        <form method="post" className="stack" onSubmit={onSave} noValidate aria-label={COPY.heading}>
          <div>
            <label htmlFor="reminder-time">{COPY.timeLabel}</label>
            <input id="reminder-time" name="time" type="time" defaultValue={time} required style={{ maxWidth: '10rem' }} />
          </div>
          <div>
            <label>
              <input type="checkbox" name="showNames" defaultChecked={showNames} aria-describedby="show-names-hint" />
              {COPY.showNamesLabel}
            </label>
            <p id="show-names-hint" className="field-hint">
              {COPY.showNamesHint}
            </p>
          </div>
          {isMailConfigured ? (
            <div>
              <label>
                <input type="checkbox" name="emailReminders" defaultChecked={emailReminders} />
                {COPY.emailLabel}
              </label>
            </div>
          ) : (
            <>
              {/* Kept as it is: the choice cannot be made while the clinic sends no email. */}
              <input type="hidden" name="emailReminders" value={emailReminders ? 'on' : ''} />
              <p className="field-hint">{COPY.emailOff}</p>
            </>
          )}
          <FormStatus state={saveState} />
          {saveState?.ok ? (
            <p role="status" className="success">
              {COPY.saved}
            </p>
          ) : null}
          <div>
            <button type="submit" disabled={isSaving}>
              {isSaving ? 'Saving…' : COPY.save}
            </button>
          </div>
        </form>
      </div>

      <div className="card">
        <h3>{COPY.calendarHeading}</h3>
        {link ? (
          <>
            <p role="status">{COPY.calendarMade}</p>
            <label htmlFor={linkFieldId}>Your calendar link</label>
            <input id={linkFieldId} readOnly value={link.url} onFocus={(event) => event.currentTarget.select()} />
            <p className="button-row">
              <button type="button" onClick={() => void copyLink(link.url)}>
                {COPY.calendarCopy}
              </button>
              <a className="button secondary" href={link.webcalUrl}>
                {COPY.calendarOpen}
              </a>
            </p>
            <p aria-live="polite">{copied}</p>
          </>
        ) : isOn ? (
          <p>
            {COPY.calendarOn} {calendarSince ? `Made on ${calendarSince}.` : null}
          </p>
        ) : (
          <p>{isStopped ? COPY.calendarStopped : COPY.calendarNone}</p>
        )}
        <FormStatus state={makeState} />
        <FormStatus state={stopState} />
        <div className="button-row">
          <form method="post" onSubmit={onMake} noValidate>
            <button type="submit" className={isOn ? 'secondary' : undefined} disabled={isMaking} aria-describedby={isOn ? 'calendar-new-hint' : undefined}>
              {isMaking ? 'Making…' : isOn ? COPY.calendarNew : COPY.calendarMake}
            </button>
          </form>
          {isOn ? (
            <form method="post" onSubmit={onStop} noValidate>
              <button type="submit" className="secondary" disabled={isStopping}>
                {isStopping ? 'Stopping…' : COPY.calendarStop}
              </button>
            </form>
          ) : null}
        </div>
        {isOn ? (
          <p id="calendar-new-hint" className="field-hint">
            {COPY.calendarNewHint}
          </p>
        ) : null}
      </div>
    </section>
  );
}
