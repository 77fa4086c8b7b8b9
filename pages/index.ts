// Start page entry.
import '../components/home/home.js';
