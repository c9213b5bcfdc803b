import { useId } from 'react';
import { renderIllustrationSvgMemo } from '@/lib/domain/drawings/svg-memo';
import type { Illustration } from '@/lib/domain/drawings/types';

type Props = {
  illustration: Illustration;
  /** Move between the start and end positions (the portal); otherwise a still "start -> end" picture. */
  isMoving?: boolean;
  /** Show the description under the drawing. Without it the drawing names itself with the description. */
  hasCaption?: boolean;
  className?: string;
};

/**
 * An exercise drawing with its text alternative. The movement needs no JavaScript: it is CSS inside the SVG,
 * paused or played by a checkbox through the `--drawing-motion` property (app/globals.css). A reader who asked
 * for less motion sees it still, with "Play movement"; everyone else sees it move, with "Pause movement".
 */
export function ExerciseDrawing({ illustration, isMoving = false, hasCaption = false, className }: Props) {
  // Styles inside an inline SVG apply to the whole page: every drawing's ids and animation names carry its own prefix.
  const prefix = useId().replace(/[^A-Za-z0-9]/g, '');
  const moves = isMoving && illustration.end !== null;
  // Drawn once per drawing and variant (svg-memo.ts): the portal and the sign-off queue show the same drawings on every request.
  const svg = renderIllustrationSvgMemo(illustration, {
    variant: moves ? 'animated' : 'static',
    idPrefix: prefix,
    // With the description written beside it, the picture adds nothing for a screen reader to read twice.
    a11y: hasCaption ? 'hidden' : 'label',
  });
  const classes = ['drawing', moves ? 'drawing-motion' : '', className ?? ''].filter(Boolean).join(' ');
  const stage = <div className="drawing-stage" dangerouslySetInnerHTML={{ __html: svg }} />;
  const caption = hasCaption ? <figcaption>{illustration.description}</figcaption> : null;
  if (!moves) {
    return (
      <figure className={classes}>
        {stage}
        {caption}
      </figure>
    );
  }
  const pauseId = `${prefix}-pause`;
  const playId = `${prefix}-play`;
  // The checkboxes come before the drawing because CSS can only look forward (`:checked ~ .drawing-stage`); the
  // grid in globals.css shows them under it.
  return (
    <figure className={classes}>
      <input type="checkbox" id={pauseId} className="drawing-pause" />
      <label htmlFor={pauseId} className="drawing-pause">
        Pause movement
      </label>
      <input type="checkbox" id={playId} className="drawing-play" />
      <label htmlFor={playId} className="drawing-play">
        Play movement
      </label>
      {stage}
      {caption}
    </figure>
  );
}
