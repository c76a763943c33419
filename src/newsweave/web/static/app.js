// newsweave pages: the one behaviour that needs a script. Click a claim to light up every
// passage that states it, in every article. Served from /static (no inline script: the
// Content-Security-Policy forbids it); reads only data-* attributes the server wrote.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const buttons = Array.from(document.querySelectorAll("button.claim-button"));
  const status = document.querySelector("output.claim-status");
  let current = null;

  function clear() {
    document.querySelectorAll(".lit").forEach((el) => el.classList.remove("lit"));
    document.querySelectorAll(".lit-article").forEach((el) => el.classList.remove("lit-article"));
    buttons.forEach((b) => b.setAttribute("aria-pressed", "false"));
    if (status) status.textContent = "";
  }

  function show(button) {
    const number = button.dataset.claim;
    if (!/^\d+$/.test(number || "")) return;
    clear();
    if (current === number) { current = null; return; }
    current = number;
    button.setAttribute("aria-pressed", "true");
    const passages = document.querySelectorAll(`[data-claims~="${number}"]`);
    const articles = new Set();
    passages.forEach((el) => {
      el.classList.add("lit");
      const article = el.closest("details.article");
      if (article) { article.open = true; article.classList.add("lit-article"); articles.add(article); }
    });
    if (status) {
      status.textContent = `stated in ${articles.size} article${articles.size === 1 ? "" : "s"}`;
    }
    if (passages.length) passages[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  buttons.forEach((button) => button.addEventListener("click", () => show(button)));

  // A citation chip that points at a closed article opens it.
  document.querySelectorAll('a.chip[href^="#article-"]').forEach((chip) => {
    chip.addEventListener("click", () => {
      const target = document.getElementById(chip.getAttribute("href").slice(1));
      if (target && target.tagName === "DETAILS") target.open = true;
    });
  });
});
