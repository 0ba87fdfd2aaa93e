/**
 * Runs inline in <head> before first paint so a stored dark/light choice never flashes the
 * other theme. Kept tiny and constant: its hash is allowed in the Content-Security-Policy.
 */
export const themeBootScript =
  "try{var t=localStorage.getItem('kb-theme');if(t==='dark'||t==='light')document.documentElement.dataset.theme=t}catch(e){}";
