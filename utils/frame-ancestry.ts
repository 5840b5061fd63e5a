// Whether a frame may show the panel. A foreign site that frames a CRM record could otherwise lay
// its own page over ours and have one real click remove a territory (clickjacking); Zoho's framing
// headers are not ours to rely on. `location.ancestorOrigins` lists the origins of every ancestor,
// nearest first, as the browser knows them (Chromium; Firefox 153 ESR too). A page cannot change it,
// and an ancestor hidden by its referrer policy shows as "null", which is not Zoho.
import { isZohoEmbedderOrigin } from './data-centres';

export interface FrameFacts {
  /** `window !== window.top` */
  framed: boolean;
  /** `location.ancestorOrigins`, absent where the browser does not offer it */
  ancestorOrigins: ArrayLike<string> | undefined;
}

/** The top frame, or a frame whose every ancestor is a Zoho CRM, Zoho One or CRM Plus page. */
export function isZohoFramed({ framed, ancestorOrigins }: FrameFacts): boolean {
  if (!framed) return true;
  // A browser that does not list the ancestors gets no panel in frames rather than a guess.
  if (!ancestorOrigins || ancestorOrigins.length === 0) return false;
  return Array.from(ancestorOrigins).every(isZohoEmbedderOrigin);
}

export function thisFrame(): FrameFacts {
  return { framed: window !== window.top, ancestorOrigins: location.ancestorOrigins };
}
