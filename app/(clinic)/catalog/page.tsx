import type { Metadata } from 'next';
import Link from 'next/link';
import { can } from '@/lib/domain/permissions';
import { describeDosage } from '@/lib/domain/dosage';
import { EXERCISE_CATEGORIES, exerciseSearchSchema } from '@/lib/schemas/exercise';
import { requirePageActor } from '@/lib/server/auth/get-actor';
import { listBodyRegions, listExercises } from '@/lib/server/exercises/list-exercises';
import { orNotFound } from '@/lib/server/page-guard';
import { CATEGORY_LABELS } from '@/app/_components/labels';

export const metadata: Metadata = { title: 'Exercise catalog' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CatalogPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requirePageActor();
  const raw = await searchParams;
  const parsed = exerciseSearchSchema.safeParse({
    q: typeof raw.q === 'string' ? raw.q : undefined,
    category: typeof raw.category === 'string' ? raw.category : undefined,
    bodyRegion: typeof raw.bodyRegion === 'string' ? raw.bodyRegion : undefined,
    includeRetired: raw.includeRetired === 'on',
  });
  const search = parsed.success ? parsed.data : exerciseSearchSchema.parse({});
  const [exercises, bodyRegions] = await orNotFound(Promise.all([listExercises({ actor, search }), listBodyRegions({ actor })]));
  return (
    <>
      <h1>Exercise catalog</h1>
      {can(actor, 'catalog.write') ? (
        <p>
          <Link className="button" href="/catalog/new">
            Add exercise
          </Link>
        </p>
      ) : null}
      <form className="card" role="search" aria-label="Search exercises" method="get">
        <div className="row">
          <div>
            <label htmlFor="q">Search</label>
            <input id="q" name="q" type="search" defaultValue={search.q} placeholder="Name, instructions, notes" />
          </div>
          <div>
            <label htmlFor="category">Category</label>
            <select id="category" name="category" defaultValue={search.category}>
              <option value="">Any</option>
              {EXERCISE_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {CATEGORY_LABELS[category]}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="bodyRegion">Body region</label>
            <select id="bodyRegion" name="bodyRegion" defaultValue={search.bodyRegion}>
              <option value="">Any</option>
              {bodyRegions.map((region) => (
                <option key={region} value={region}>
                  {region}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label>
              <input type="checkbox" name="includeRetired" defaultChecked={search.includeRetired} />
              Include retired
            </label>
          </div>
          <div>
            <button type="submit">Search</button>
          </div>
        </div>
        {!parsed.success ? <p className="error">That search could not be used; showing all exercises.</p> : null}
      </form>
      <p aria-live="polite">
        {exercises.length} {exercises.length === 1 ? 'exercise' : 'exercises'}
      </p>
      <table className="stack-on-phone">
        <caption className="sr-only">Exercises</caption>
        <thead>
          <tr>
            <th scope="col">Exercise</th>
            <th scope="col">Category</th>
            <th scope="col">Body region</th>
            <th scope="col">Default dosage</th>
            <th scope="col">Unsupervised</th>
          </tr>
        </thead>
        <tbody>
          {exercises.map((exercise) => (
            <tr key={exercise.id}>
              <td data-label="Exercise">
                <Link href={`/catalog/${exercise.id}`}>{exercise.name}</Link>
                {exercise.retiredAt ? <span className="badge">Retired</span> : null}
              </td>
              <td data-label="Category">{CATEGORY_LABELS[exercise.category]}</td>
              <td data-label="Body region">{exercise.bodyRegion}</td>
              <td data-label="Default dosage">{describeDosage(exercise)}</td>
              <td data-label="Unsupervised">{exercise.isSafeUnsupervised ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
