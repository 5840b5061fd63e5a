import '@/components/page-theme.css';
import './style.css';
import { Popup } from '@/components/popup/Popup';
import { renderTranslated } from '@/components/render-translated';
import { createPopupApi } from './popup-api';

const app = document.getElementById('app');
if (app)
  void renderTranslated(
    app,
    () => <Popup api={createPopupApi()} />,
    ({ t }) => t('popup.title'),
  );
