import Link from 'next/link';

/** A server page: the layout's widget stays on the page while the visitor moves here and back. */
export default function About() {
  return (
    <main>
      <h1>About</h1>
      <nav>
        <Link href="/">Home</Link>
      </nav>
    </main>
  );
}
