import '@/components/page-theme.css';
import './style.css';
import { render } from 'preact';
import { Popup } from '@/components/popup/Popup';
import { createPopupApi } from './popup-api';

const app = document.getElementById('app');
if (app) render(<Popup api={createPopupApi()} />, app);
