import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // wiring comes with the background handlers
});
