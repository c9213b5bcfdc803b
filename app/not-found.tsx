import { NotFoundMessage } from './_components/not-found-message';

// Outside any layout with its own main landmark (a URL that matches nothing, signed-out pages).
export default function NotFound() {
  return (
    <main className="narrow">
      <NotFoundMessage />
    </main>
  );
}
