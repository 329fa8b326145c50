export function ItemPage() {
  return (
    <section className="page">
      <h1>ItemPage</h1>
      <p>Coming soon.</p>
    </section>
  );
}
