export default function Dashboard() {
  return (
    <section className="page">
      <h1>Responsible-AI dashboard</h1>
    </section>
  );
}
