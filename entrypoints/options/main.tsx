import '@/components/page-theme.css';
import './style.css';
import { browser } from 'wxt/browser';
import { LanguageSelect } from '@/components/options/LanguageSelect';
import { OptionsPage } from '@/components/options/OptionsPage';
import { renderTranslated } from '@/components/render-translated';
import { createLanguageStore } from '@/utils/i18n/language-store';
import { createOptionsApi } from './options-api';

const app = document.getElementById('app');
const languages = createLanguageStore(browser.storage.local);
if (app) {
  void renderTranslated(app, () => (
    <OptionsPage api={createOptionsApi()} language={<LanguageSelect store={languages} />} />
  ));
}
