import '../zoho-crm.content/style.css';
import './style.css';
import { render } from 'preact';
import { SidePanel } from '@/components/SidePanel';
import { claimPanelHome, createSidePanelApi, sidePanelTheme } from './sidepanel-api';

void claimPanelHome();
const app = document.getElementById('app');
if (app) {
  const sidePanelName = import.meta.env.FIREFOX ? 'sidebar' : 'side panel';
  void sidePanelTheme().then((theme) => {
    render(<SidePanel api={createSidePanelApi()} theme={theme} sidePanelName={sidePanelName} />, app);
  });
}
