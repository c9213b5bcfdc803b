import Link from 'next/link';

/** "Page not found", as every layout shows it: inside that layout's own main landmark. */
export function NotFoundMessage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>We could not find that page. It may have moved, or you may not have access to it.</p>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </>
  );
}
