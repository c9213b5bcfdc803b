import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="narrow">
      <h1>Page not found</h1>
      <p>We could not find that page. It may have moved, or you may not have access to it.</p>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </main>
  );
}
