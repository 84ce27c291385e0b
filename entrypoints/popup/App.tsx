export function App() {
  return <main>挂图作战</main>;
}
