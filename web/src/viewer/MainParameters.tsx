export function MainParameters() {
  return (
    <section className="page">
      <h1>MainParameters</h1>
      <p>Coming soon.</p>
    </section>
  );
}
