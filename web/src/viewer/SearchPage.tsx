export function SearchPage() {
  return (
    <section className="page">
      <h1>SearchPage</h1>
      <p>Coming soon.</p>
    </section>
  );
}
