// Participant page entry: only the participant app, never reveal.js.
import '../components/participant/participant-app.js';
