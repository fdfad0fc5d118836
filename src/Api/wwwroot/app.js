// The coach page: asks GET /citizens/{id}/mentor-matches and shows each match with its reasons.
// Text goes in with textContent only, so nothing from the data is ever interpreted as HTML.
const form = document.getElementById("ask");
const token = document.getElementById("token");
const statusLine = document.getElementById("status");
const table = document.getElementById("matches");

token.value = sessionStorage.getItem("sc-token") ?? "";

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  sessionStorage.setItem("sc-token", token.value.trim());
  const citizen = document.getElementById("citizen").value.trim();
  const top = document.getElementById("top").value || "5";
  const anyArea = document.getElementById("anyArea").checked;
  show("Looking…", false);
  table.hidden = true;
  try {
    const url = `/citizens/${encodeURIComponent(citizen)}/mentor-matches?top=${encodeURIComponent(top)}&anyArea=${anyArea}`;
    const response = await fetch(url, { headers: { Authorization: `Bearer ${token.value.trim()}` } });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      show(body?.detail ?? body?.title ?? `The API answered ${response.status}.`, true);
      return;
    }
    render(body);
  } catch (error) {
    show(`Could not reach the API: ${error.message}`, true);
  }
});

function render(result) {
  const rows = table.querySelector("tbody");
  rows.replaceChildren();
  for (const match of result.matches) {
    const row = rows.insertRow();
    row.insertCell().textContent = match.rank;
    row.insertCell().textContent = match.mentor;
    row.insertCell().textContent = match.score.toFixed(3);
    const reasons = document.createElement("ul");
    for (const reason of match.reasons) {
      const item = document.createElement("li");
      item.textContent = reason;
      reasons.append(item);
    }
    row.insertCell().append(reasons);
  }
  table.hidden = result.matches.length === 0;
  const others = Object.entries(result.ineligible).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${words(why)}`);
  show(`${result.matches.length} of ${result.eligible} eligible mentors for ${result.citizen}.`
    + (others.length ? ` Not eligible: ${others.join(", ")}.` : ""), false);
}

function words(camel) {
  return camel.replace(/([A-Z])/g, " $1").toLowerCase();
}

function show(text, isError) {
  statusLine.textContent = text;
  statusLine.className = isError ? "error" : "";
}
