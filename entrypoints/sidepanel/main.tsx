import '@/components/panel.css';
import './style.css';
import { renderTranslated } from '@/components/render-translated';
import { SidePanel } from '@/components/SidePanel';
import { claimPanelHome, createSidePanelApi, sidePanelTheme } from './sidepanel-api';

void claimPanelHome();
const app = document.getElementById('app');
if (app) {
  const browserPanel = import.meta.env.FIREFOX ? 'sidebar' : 'side-panel';
  void sidePanelTheme().then((theme) =>
    renderTranslated(
      app,
      ({ locale }) => <SidePanel api={createSidePanelApi(locale)} theme={theme} browserPanel={browserPanel} />,
      ({ t }) => t('panel.title'),
    ),
  );
}
